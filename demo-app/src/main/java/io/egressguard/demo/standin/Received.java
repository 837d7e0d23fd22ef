package io.egressguard.demo.standin;

/**
 * One request as a stand-in saw it, described without any credential value.
 *
 * @param step        the conversation step it arrived in
 * @param method      HTTP method
 * @param path        path and query
 * @param credential  what the request carried as a credential, e.g. "the real GitHub token"
 * @param valid       whether that credential is the one this stand-in accepts
 * @param bodyBytes   size of the body
 * @param bodyFinding a secret or handle found in the body, described; null when the body is clean
 * @param status      the status the stand-in answered with
 * @param detail      what the stand-in did, in a few words
 */
public record Received(int step, String method, String path, String credential, boolean valid, int bodyBytes,
        String bodyFinding, int status, String detail) {

    /** One line for logs and the narrative. */
    public String describe() {
        String body = bodyBytes == 0 ? ""
                : "  body " + bodyBytes + " bytes, " + (bodyFinding == null ? "clean" : bodyFinding);
        return method + " " + path + "  [" + credential + "]" + body
                + "  -> " + status + (detail == null || detail.isEmpty() ? "" : " " + detail);
    }
}
