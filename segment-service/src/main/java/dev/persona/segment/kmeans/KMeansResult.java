package dev.persona.segment.kmeans;

/**
 * A clustering: {@code centres} is k × d row-major (centre j's coordinate c is {@code centres[j * d + c]}),
 * {@code assignment[i]} the cluster of point i (its nearest centre after a final assignment pass), {@code sse} the
 * sum over points of the squared Euclidean distance to the assigned centre, {@code iterations} the iterations of the
 * kept restart and {@code converged} whether it stopped before {@code maxIterations}. Arrays are not copied.
 */
public record KMeansResult(int k, int d, double[] centres, int[] assignment, double sse, int iterations,
        boolean converged) {

    /** Coordinate {@code c} of centre {@code j}. */
    public double centre(int j, int c) {
        return centres[j * d + c];
    }
}
