package dev.descent.examples.cli;

import dev.descent.examples.Classifier;
import dev.descent.examples.PredictImages;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code descent predict}: a saved model on the user's own images. */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false, abbreviateSynopsis = true,
        description = {"Classify your own images (PNG, JPEG, BMP, GIF, or CSV rows of 28×28 pixels 0-255) with a trained model.",
            "Each is made MNIST-like first: grayscale, a light background inverted, cropped to the ink, the longer side scaled to 20 px,",
            "centred by its centre of mass in 28×28 (Fashion-MNIST models: scaled to fill 28×28), scaled to [0,1]. Prints the top 3 classes."})
final class PredictCommand implements Callable<Integer> {
    @Option(names = "--model", paramLabel = "DIR|FILE", required = true, description = "a run directory of train, or its model.npz")
    Path model;

    @Option(names = "--save-input", paramLabel = "DIR", description = "write each preprocessed image to DIR as PNG: what the model saw")
    Path saveInput;

    @Option(names = "--top", paramLabel = "K", defaultValue = "3", description = "classes shown per image (default: ${DEFAULT-VALUE})")
    int top;

    @Parameters(paramLabel = "IMAGE", arity = "1..*", description = "image files or CSV files")
    List<Path> images;

    @Override
    public Integer call() throws IOException {
        if (top < 1) {
            throw new IllegalArgumentException("--top " + top + " must be at least 1");
        }
        try (Classifier classifier = Classifier.load(model)) {
            List<PredictImages.Input> inputs = new ArrayList<>();
            for (Path image : images) { // every file is read and checked before anything is printed or written
                inputs.addAll(PredictImages.read(image, classifier));
            }
            float[][] p = classifier.probabilities(inputs.stream().map(PredictImages.Input::pixels).toList());
            if (saveInput != null) {
                PredictImages.saveInputs(inputs, classifier.preprocessing().side(), saveInput);
            }
            Options.print(PredictImages.format(inputs, p, classifier.classNames(), top));
        }
        return 0;
    }
}
