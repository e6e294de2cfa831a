package dev.descent.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.descent.core.Engines;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Random distortions of a training batch, on the whole batch in the engine: each image is resampled
 * (bilinear, zero outside) at the points p' = A⁻¹(p − c − d) + c + α·(G_σ ∗ u)(p), where c is the image's
 * centre, A = s·R(θ) a rotation by θ ∈ U[−rotate, rotate] degrees scaled by s ∈ U[1 − scale, 1 + scale],
 * d ∈ U[−shift, shift]² pixels a translation, and the last term is the elastic distortion of Simard,
 * Steinkraus and Platt (2003): a field u ∈ U[−1, 1]^(H×W×2) smoothed by a Gaussian of width σ and scaled
 * by α. The Gaussian is applied as two matrix products (rows, then columns), so no convolution and no
 * per-pixel Java loop is needed.
 *
 * <p>Spec: {@code shift:2, rotate:10, scale:0.1, elastic:34:4} (any subset, any order). The draws are a
 * function of the key given to {@link #apply} only (the trainer passes one made from the seed and the
 * update), so runs are deterministic and a resumed run sees the same distortions.
 */
public final class Augmentation {
    private final double shift;
    private final double rotate;
    private final double scale;
    private final double alpha;
    private final double sigma;

    private Augmentation(double shift, double rotate, double scale, double alpha, double sigma) {
        this.shift = shift;
        this.rotate = rotate;
        this.scale = scale;
        this.alpha = alpha;
        this.sigma = sigma;
    }

    /** Parses {@code shift:P, rotate:DEG, scale:F, elastic:ALPHA:SIGMA}; throws IllegalArgumentException naming the bad item. */
    public static Augmentation parse(String spec) {
        double shift = 0;
        double rotate = 0;
        double scale = 0;
        double alpha = 0;
        double sigma = 0;
        for (String item : spec.split(",")) {
            String[] p = item.trim().split(":");
            String name = p[0].trim().toLowerCase(Locale.ROOT);
            int args = name.equals("elastic") ? 2 : 1;
            if (!name.matches("shift|rotate|scale|elastic")) {
                throw new IllegalArgumentException("'" + item.trim() + "': unknown distortion; valid: shift:PIXELS, rotate:DEGREES, "
                        + "scale:FRACTION, elastic:ALPHA:SIGMA");
            }
            if (p.length != args + 1) {
                throw new IllegalArgumentException("'" + item.trim() + "': " + name + " takes " + args + (args == 1 ? " value" : " values")
                        + (args == 1 ? " (" + name + ":VALUE)" : " (elastic:ALPHA:SIGMA, e.g. elastic:34:4)"));
            }
            double a = number(item, p[1]);
            switch (name) {
                case "shift" -> shift = a;
                case "rotate" -> rotate = a;
                case "scale" -> scale = a;
                default -> {
                    alpha = a;
                    sigma = number(item, p[2]);
                    if (sigma == 0) {
                        throw new IllegalArgumentException("'" + item.trim() + "': sigma must be > 0");
                    }
                }
            }
        }
        if (scale >= 1) {
            throw new IllegalArgumentException("scale:" + scale + " must be below 1 (the factor is drawn from [1 - scale, 1 + scale])");
        }
        return new Augmentation(shift, rotate, scale, alpha, sigma);
    }

    private static double number(String item, String text) {
        try {
            double v = Double.parseDouble(text.trim());
            if (v >= 0 && Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException("'" + item.trim() + "': '" + text.trim() + "' is not a number >= 0");
    }

    /**
     * The batch {@code x} of images of {@code shape} (k × C·H·W, or k × C × H × W) distorted, in x's manager and
     * shape; every channel of an image moves alike. {@code key} decides every draw.
     */
    public NDArray apply(NDArray x, ImageShape shape, long key) {
        int k = Math.toIntExact(x.getShape().get(0));
        int h = shape.rows();
        int w = shape.columns();
        int c = shape.channels();
        SplittableRandom random = new SplittableRandom(key);
        double[] m = new double[6 * k]; // per image: source = (m0·px + m1·py + m2, m3·px + m4·py + m5)
        double cx = (w - 1) / 2.0;
        double cy = (h - 1) / 2.0;
        for (int i = 0; i < k; i++) {
            double theta = Math.toRadians(uniform(random, rotate));
            double s = 1 + uniform(random, scale);
            double dx = uniform(random, shift);
            double dy = uniform(random, shift);
            double cos = Math.cos(theta) / s;
            double sin = Math.sin(theta) / s;
            // inverse of p -> s·R(θ)(p - c) + c + d
            m[6 * i] = cos;
            m[6 * i + 1] = sin;
            m[6 * i + 2] = cx - cos * (cx + dx) - sin * (cy + dy);
            m[6 * i + 3] = -sin;
            m[6 * i + 4] = cos;
            m[6 * i + 5] = cy + sin * (cx + dx) - cos * (cy + dy);
        }
        NDManager manager = x.getManager();
        NDArray field = alpha > 0 ? elasticField(manager, random.nextLong(), k, h, w) : null;
        if (c == 1) {
            return warp(x, m, field, h, w);
        }
        double[] perChannel = new double[6 * k * c]; // images are stored C×H×W: each image's map once per channel
        for (int i = 0; i < k * c; i++) {
            System.arraycopy(m, 6 * (i / c), perChannel, 6 * i, 6);
        }
        return warp(x, perChannel, field == null ? null : field.repeat(1, c), h, w);
    }

    private static double uniform(SplittableRandom random, double half) {
        return half == 0 ? 0 : random.nextDouble(-half, half);
    }

    /** α·(G_σ ∗ u) for u ∈ U[−1, 1], shape 2 × k × H × W (x then y displacement), in pixels. */
    private NDArray elasticField(NDManager manager, long seed, int k, int h, int w) {
        // The engine's generator, seeded from the key (the trainer seeds it again for dropout afterwards).
        Engines.seed(seed);
        NDArray u = manager.randomUniform(-1, 1, new Shape(2L * k, h, w), DataType.FLOAT32);
        NDArray smooth = gaussian(manager, h).matMul(u).matMul(gaussian(manager, w)); // G_h · u · G_w (G symmetric)
        return smooth.muli(alpha).reshape(2, k, h, w);
    }

    /** The n × n matrix of the normalised Gaussian kernel of width σ, zero beyond the border (scipy's mode 'constant'). */
    private NDArray gaussian(NDManager manager, int n) {
        float[] g = new float[n * n];
        double norm = 0;
        int radius = (int) Math.ceil(4 * sigma);
        for (int d = -radius; d <= radius; d++) {
            norm += Math.exp(-d * d / (2 * sigma * sigma));
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                int d = i - j;
                g[i * n + j] = Math.abs(d) > radius ? 0 : (float) (Math.exp(-d * d / (2 * sigma * sigma)) / norm);
            }
        }
        return manager.create(g, new Shape(n, n));
    }

    /**
     * Resamples each image of {@code x} bilinearly at its affine map {@code m} (6 numbers per image, pixel
     * coordinates: source x = m0·px + m1·py + m2, source y = m3·px + m4·py + m5) plus {@code field}
     * (2 × k × H × W, or null); points outside the image read 0. {@code x} holds k = m.length / 6 images of H × W
     * (one channel each). Public for tests with known maps.
     */
    public static NDArray warp(NDArray x, double[] m, NDArray field, int h, int w) {
        NDManager manager = x.getManager();
        int k = m.length / 6;
        NDArray images = x.reshape(k, (long) h * w);
        NDArray coefficients = manager.create(m, new Shape(k, 6)).toType(DataType.FLOAT32, false);
        NDArray px = manager.arange(0, w, 1, DataType.FLOAT32).tile(h).reshape(1, (long) h * w);
        NDArray py = manager.arange(0, h, 1, DataType.FLOAT32).repeat(w).reshape(1, (long) h * w);
        NDArray sx = px.mul(coefficients.get(":, 0:1")).addi(py.mul(coefficients.get(":, 1:2"))).addi(coefficients.get(":, 2:3"));
        NDArray sy = px.mul(coefficients.get(":, 3:4")).addi(py.mul(coefficients.get(":, 4:5"))).addi(coefficients.get(":, 5:6"));
        if (field != null) {
            sx.addi(field.get(0).reshape(k, (long) h * w));
            sy.addi(field.get(1).reshape(k, (long) h * w));
        }
        NDArray x0 = sx.floor();
        NDArray y0 = sy.floor();
        NDArray fx = sx.sub(x0);
        NDArray fy = sy.sub(y0);
        NDArray out = corner(images, x0, y0, h, w).muli(fx.neg().addi(1).mul(fy.neg().addi(1)))
                .addi(corner(images, x0.add(1), y0, h, w).muli(fx.mul(fy.neg().addi(1))))
                .addi(corner(images, x0, y0.add(1), h, w).muli(fx.neg().addi(1).mul(fy)))
                .addi(corner(images, x0.add(1), y0.add(1), h, w).muli(fx.mul(fy)));
        return out.reshape(x.getShape());
    }

    /** The pixel at integer coordinates (cx, cy) of each image, 0 where it falls outside. */
    private static NDArray corner(NDArray images, NDArray cx, NDArray cy, int h, int w) {
        NDArray inside = cx.gte(0).logicalAnd(cx.lte(w - 1)).logicalAnd(cy.gte(0)).logicalAnd(cy.lte(h - 1));
        NDArray index = cy.clip(0, h - 1).muli(w).addi(cx.clip(0, w - 1)).toType(DataType.INT64, false);
        return images.gather(index, 1).muli(inside.toType(DataType.FLOAT32, false));
    }
}
