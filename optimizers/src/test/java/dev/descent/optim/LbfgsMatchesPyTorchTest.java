package dev.descent.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Descent's lbfgs takes PyTorch's steps. The reference: {@code torch.optim.LBFGS([x], lr=1, max_iter=1, history_size=100,
 * tolerance_grad=0, tolerance_change=0, line_search_fn="strong_wolfe")} on Rosenbrock from (−1.2, 1) in float64, one
 * {@code step(closure)} per iterate — the settings of Descent's defaults — computed once with Debian's python3-torch
 * 1.13.0a0 by {@code examples/src/test/resources/peers/torch_lbfgs.py rosenbrock --steps 12}.
 */
class LbfgsMatchesPyTorchTest {
    private static final double[][] TORCH = {
        {-1.0245319303460325, 1.0716196202669255},
        {-1.0284565745562346, 1.068187455748677},
        {-1.0288795348319695, 1.0655029516848564},
        {-1.0276177663827242, 1.0584120782656612},
        {-1.0203084803940978, 1.0352769866467468},
        {-0.9970310351680055, 0.9755913846740083},
        {-0.9431278012083246, 0.8529662725410926},
        {-0.8802131649658733, 0.7274772060719976},
        {-0.7745797354515831, 0.5476256792320803},
        {-0.665708457088896, 0.41398308319536115},
        {-0.516027772885204, 0.22654582579023747},
        {-0.34877876200144803, 0.12519507039453565},
    };

    @Test
    void theFirstTwelveIteratesOnRosenbrockArePyTorchs() {
        Minimizer.Path path = Minimizer.run(Optimizers.create("lbfgs", Map.of()), Functions2D.ROSENBROCK, new double[] {-1.2, 1},
                Minimizer.Settings.steps(TORCH.length));
        for (int k = 0; k < TORCH.length; k++) {
            // the same operations in the same order; PyTorch fuses p + t·d into one rounding, DJL rounds twice
            assertEquals(TORCH[k][0], path.points()[k + 1][0], 1e-13, "x0 of iterate " + (k + 1));
            assertEquals(TORCH[k][1], path.points()[k + 1][1], 1e-13, "x1 of iterate " + (k + 1));
        }
        // PyTorch evaluates 25 times: the evaluation each step starts with repeats where the line search ended, and the
        // Minimizer's closure answers that one from memory.
        assertEquals(new Minimizer.Evaluations(14, 14, 0), path.evaluations());
    }
}
