package com.example;

import dev.descent.optim.schedule.Schedule;
import dev.descent.optim.schedule.ScheduleKey;
import dev.descent.optim.schedule.Schedules;
import java.util.List;

/** A user's learning-rate schedule with a key of its own, {@code decay-updates} = k: inverse-time decay, ηₜ = η·k/(k + t). */
public final class InverseTimeSchedule implements Schedules.ScheduleProvider {
    public static final ScheduleKey DECAY_UPDATES = new ScheduleKey("decay-updates", "100", "whole updates ≥ 1",
            "updates after which the rate is halved");

    @Override
    public String name() {
        return "inverse-time";
    }

    @Override
    public List<ScheduleKey> keys() {
        return List.of(DECAY_UPDATES);
    }

    @Override
    public Schedule create(Schedules.Settings settings) {
        long k = settings.wholeNumber(DECAY_UPDATES);
        if (k < 1) {
            throw new IllegalArgumentException(name() + ": decay-updates = " + k + " is not " + DECAY_UPDATES.range());
        }
        return step -> settings.baseLearningRate() * k / (double) (k + step);
    }
}
