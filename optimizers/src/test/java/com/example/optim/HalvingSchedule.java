package com.example.optim;

import dev.descent.optim.schedule.Schedule;
import dev.descent.optim.schedule.ScheduleKey;
import dev.descent.optim.schedule.Schedules;
import java.util.List;

/** A user's schedule outside Descent's package, with a key of its own: η halves every k updates. */
public final class HalvingSchedule implements Schedules.ScheduleProvider {
    public static final ScheduleKey HALVE_EVERY = new ScheduleKey("halve-every", "", "whole updates ≥ 1", "halve the rate every k updates");

    @Override
    public String name() {
        return "halving";
    }

    @Override
    public List<ScheduleKey> keys() {
        return List.of(HALVE_EVERY);
    }

    @Override
    public Schedule create(Schedules.Settings s) {
        long every = s.wholeNumber(HALVE_EVERY);
        double base = s.baseLearningRate();
        return step -> base * Math.pow(0.5, step / every);
    }
}
