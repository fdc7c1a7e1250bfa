package org.mptcpverify.kernel;

/**
 * What the kernel did at one step of a differential scenario.
 *
 * @param scenario the scenario's name
 * @param step     what the Java peer sent
 * @param reply    the kernel's reply to it
 * @param note     further kernel evidence (application events, counters), or empty
 */
public record KernelObservation(String scenario, String step, KernelReply reply, String note) {
    @Override
    public String toString() {
        return scenario + " / " + step + " -> " + reply + (note.isEmpty() ? "" : " (" + note + ")");
    }
}
