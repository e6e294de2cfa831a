package dev.descent.optim.schedule;

/**
 * A config key a schedule takes, as {@code --help} lists it: its default ({@code ""} when it has none,
 * i.e. the schedules that use it require it), the values it may take, and what it does.
 */
public record ScheduleKey(String key, String fallback, String range, String help) {}
