package io.github.memoryactuator.diagnosis;

import java.util.List;

/**
 * The verdict and the findings behind it.
 *
 * @param verdict one sentence: leak or not, and where RSS goes
 * @param leakSuspected whether the live set is growing steadily
 * @param findings the findings, most severe first
 * @since 0.1.0
 */
public record Diagnosis(String verdict, boolean leakSuspected, List<Finding> findings) {

}
