package dev.descent.optim.schedule;

/**
 * The configured learning rate throughout ({@code lr-schedule = constant}, the default):
 * <pre>
 *   η_t = η
 * </pre>
 * With {@code warmup-epochs} it is a linear warm-up to η, then η.
 */
public record Constant(double baseLearningRate) implements Schedule {

    @Override
    public double learningRate(long step) {
        return baseLearningRate;
    }
}
