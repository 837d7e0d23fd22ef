package io.egressguard.core.scan.detect;

/** A credential a detector found: which detector, and the span of the credential itself. */
public final class Finding {

    private final Detector detector;
    private final int start;
    private final int end;

    public Finding(Detector detector, int start, int end) {
        this.detector = detector;
        this.start = start;
        this.end = end;
    }

    public Detector detector() {
        return detector;
    }

    public String detectorId() {
        return detector.id();
    }

    public int start() {
        return start;
    }

    public int end() {
        return end;
    }

    @Override
    public String toString() {
        return detector.id() + "[" + start + "," + end + ")";
    }
}
