package dev.persona.core.similarity;

import dev.persona.core.similarity.InteractionMatrix;
import dev.persona.core.similarity.Metric;
import dev.persona.core.similarity.NeighborKernel;
import dev.persona.core.similarity.NeighborLists;
import dev.persona.core.similarity.NeighborParams;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A checksum of item-item lists that an independent computation can reproduce: on a ratings file read as binary
 * (every rated pair = 1), item-item top-50 COSINE, the sum over items of each item's best score, printed with 4
 * decimals (items without any neighbour add nothing).
 *
 * <p>Run from the repository root, for MovieLens 100K:
 * <pre>
 * ./mvnw -q -pl core test-compile exec:exec@core-bench -Dbench.main=dev.persona.core.similarity.TopOneSimilaritySum -Dpersona.ratings="$PWD/../shared/datasets/ml-100k/u.data"
 * </pre>
 */
public final class TopOneSimilaritySum {

    private TopOneSimilaritySum() {
    }

    public static void main(String[] args) throws IOException {
        String missing = RatingsFile.missingMessage();
        if (missing != null) {
            System.out.println("TopOneSimilaritySum skipped: " + missing);
            return;
        }
        Path file = RatingsFile.location();
        RatingsFile ratings = RatingsFile.read(file);
        InteractionMatrix matrix = ratings.matrix(true);
        NeighborLists lists = new NeighborKernel(2).itemNeighbors(matrix, NeighborParams.of(Metric.COSINE, 50));
        double sum = 0;
        int withNeighbours = 0;
        for (int item = 0; item < lists.rows(); item++) {
            if (lists.size(item) > 0) {
                sum += lists.score(lists.start(item));
                withNeighbours++;
            }
        }
        System.out.printf(Locale.ROOT, "%s: %d users, %d items (%d with neighbours), %d pairs; "
                        + "sum of top-1 item-item COSINE (binary) = %.4f%n", file, matrix.numUsers(), matrix.numItems(),
                withNeighbours, matrix.nnz(), sum);
    }
}
