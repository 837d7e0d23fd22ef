package io.egressguard.core.policy;

import io.egressguard.bootstrap.BodyCheck;
import io.egressguard.bootstrap.EgressBlockedException;
import io.egressguard.bootstrap.Guard;
import io.egressguard.bootstrap.GuardEngine;
import io.egressguard.bootstrap.OutboundRequest;
import io.egressguard.core.Reporter;
import io.egressguard.core.audit.AuditEvent;
import io.egressguard.core.audit.AuditLog;
import io.egressguard.core.redact.JsonBodyRedactor;
import io.egressguard.core.redact.RedactionService;
import io.egressguard.core.redact.TextRedactor;
import io.egressguard.core.rules.Hosts;
import io.egressguard.core.rules.Injection;
import io.egressguard.core.rules.RequestPaths;
import io.egressguard.core.rules.SecretRule;
import io.egressguard.core.scan.Match;
import io.egressguard.core.scan.SecretMatcher;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Decides every request hop: injects credentials where a rule allows, blocks (or strips) handles and
 * secrets headed anywhere else, and audits each decision.
 *
 * <p>The decision is based on the target the client really connects to, which the adapters put in
 * {@link OutboundRequest#target}; a {@code Host} header is just another header here.
 */
public final class PolicyEngine implements GuardEngine {

    private final RuleIndex index;
    // replaced together when the store changes; a decision under way may finish with the previous pair
    private volatile SecretValues values;
    private volatile SecretMatcher matcher;
    private final AuditLog audit;
    private final Reporter reporter;
    private final boolean stripByDefault;
    private final int maxBufferedBody;
    private final long capabilityKey;
    private final LlmEndpoints llm;
    private final RedactionService redaction;
    private final Caller.Resolver callers;

    /** @param identity the {@code identity} agent option, or {@code null} to take the rule file's */
    public PolicyEngine(io.egressguard.core.rules.RuleSet rules, SecretValues values, SecretMatcher matcher,
            AuditLog audit, Reporter reporter, boolean stripByDefault, int maxBufferedBody, long capabilityKey,
            RedactionService redaction, String identity) {
        this.capabilityKey = capabilityKey;
        this.callers = new Caller.Resolver(rules.tools(), identity);
        this.llm = LlmEndpoints.of(rules.llm().endpoints());
        this.redaction = redaction;
        this.index = new RuleIndex(rules);
        this.values = values;
        this.matcher = matcher;
        this.audit = audit;
        this.reporter = reporter;
        this.stripByDefault = stripByDefault;
        this.maxBufferedBody = maxBufferedBody;
    }

    @Override
    public int maxBufferedBody() {
        return maxBufferedBody;
    }

    @Override
    public int decide(OutboundRequest r) throws IOException {
        String host = Hosts.canonical(r.host());
        Grant[] exact = host == null ? null : index.exactGrants(host);
        List<Grant> wild = null;
        if (host != null && index.hasWildcards()) {
            wild = new ArrayList<>(2);
            index.wildcardGrants(host, wild);
        }
        Decision d = null;
        // 1. headers: handles to replace, handles and secrets that may not go here
        for (int i = 0; i < r.headerCount(); i++) {
            String value = r.headerValue(i);
            String name = r.headerName(i);
            if (value == null) {
                continue;
            }
            Match m = matcher.find(name, 0);
            if (m != null) {
                d = decision(d, r, host, exact, wild);
                d.violation(m, "in the name of header '" + redactedName(name) + "'", "in-header-name", i, false);
            }
            m = matcher.find(value, 0);
            if (m == null) {
                if (isBasic(value)) {
                    d = basicAuth(d, r, host, exact, wild, i, name, value);
                }
                continue;
            }
            d = decision(d, r, host, exact, wild);
            String rewritten = d.header(i, name, value, m);
            if (rewritten != null) {
                r.replaceHeaderValue(i, rewritten);
            }
        }
        // 2. headers the rules set themselves
        if (exact != null || (wild != null && !wild.isEmpty())) {
            d = decision(d, r, host, exact, wild);
            d.setHeaders();
        }
        // 3. the URL: handles and secrets never belong in it
        d = scanUrlPart(r.host(), "in the host name", "in-host", r, host, exact, wild, d);
        d = scanUrlPart(r.rawPath(), "in the URL path", "in-url", r, host, exact, wild, d);
        d = scanUrlPart(r.rawQuery(), "in the URL query", "in-url", r, host, exact, wild, d);
        // 4. the body, when the client handed it over whole. To an LLM API it is cleaned, not blocked:
        //    known secrets become their handles, other credentials placeholders, handles stay.
        // (the LLM endpoint matters only with a body: most requests skip the path normalisation)
        String llmEndpoint = host == null || !r.hasBody() ? null
                : llm.match(r.scheme(), host, r.port(), RequestPaths.normalise(r.rawPath()));
        if (llmEndpoint != null) {
            d = decision(d, r, host, exact, wild);
            d.cleanLlmBody(llmEndpoint);
        } else if (r.hasBody()) {
            byte[] b = r.bodyBytes();
            int end = r.bodyOffset() + r.bodyLength();
            int pos = r.bodyOffset();
            Match m;
            while (pos < end && (m = matcher.find(b, r.bodyOffset(), r.bodyLength(), pos)) != null) {
                d = decision(d, r, host, exact, wild);
                d.violation(m, "in the request body", "in-body", -1, true);
                pos = m.end();
            }
        }
        if (d == null) {
            return Guard.PASS;
        }
        return d.finish();
    }

    private Decision scanUrlPart(String text, String where, String code, OutboundRequest r, String host, Grant[] exact,
            List<Grant> wild, Decision d) {
        if (text == null) {
            return d;
        }
        int pos = 0;
        Match m;
        while ((m = matcher.find(text, pos)) != null) {
            d = decision(d, r, host, exact, wild);
            d.violation(m, where, code, -1, true);
            pos = m.end();
        }
        return d;
    }

    private Decision decision(Decision d, OutboundRequest r, String host, Grant[] exact, List<Grant> wild) {
        return d != null ? d : new Decision(r, host, exact, wild);
    }

    private static boolean isBasic(String value) {
        return value.length() > 6 && value.regionMatches(true, 0, "Basic ", 0, 6);
    }

    /** {@code Authorization: Basic base64(user:handle)}: the handle is inside the base64. */
    private Decision basicAuth(Decision d, OutboundRequest r, String host, Grant[] exact, List<Grant> wild, int i,
            String name, String value) {
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(value.substring(6).trim());
        } catch (IllegalArgumentException notBase64) {
            return d;
        }
        String text = new String(decoded, StandardCharsets.UTF_8);
        Match m = matcher.find(text, 0);
        if (m == null) {
            return d;
        }
        d = decision(d, r, host, exact, wild);
        String rewritten = d.header(i, name, text, m);
        if (rewritten != null) {
            r.replaceHeaderValue(i, "Basic " + Base64.getEncoder().encodeToString(rewritten.getBytes(StandardCharsets.UTF_8)));
        }
        return d;
    }

    @Override
    public byte[] cleanBody(OutboundRequest r) throws IOException {
        String host = Hosts.canonical(r.host());
        String endpoint = host == null || !r.hasBody() ? null : llm.match(r.scheme(), host, r.port(), RequestPaths.normalise(r.rawPath()));
        if (endpoint == null) {
            return null;
        }
        Decision d = new Decision(r, host, index.exactGrants(host), null);
        d.cleanLlmBody(endpoint);
        d.finish();
        return r.replacedBody();
    }

    @Override
    public BodyCheck bodyCheck(OutboundRequest decided) {
        String host = Hosts.canonical(decided.host());
        String endpoint = host == null ? null : llm.match(decided.scheme(), host, decided.port(), RequestPaths.normalise(decided.rawPath()));
        if (endpoint != null && !index.rules().llm().blockSecrets()) {
            // a streamed prompt: cleaned as it flows; with an announced length every replacement keeps its size
            boolean sameLength = decided.declaredBodyLength() >= 0;
            String origin = decided.origin();
            String method = decided.method();
            String path = redact(decided.rawPath());
            String client = decided.client();
            Caller caller = callers.current();
            return downstream -> {
                java.util.Set<String> audited = java.util.concurrent.ConcurrentHashMap.newKeySet();
                return redaction.redactingBody(downstream, sameLength, name -> {
                    if (audited.add(name)) {
                        audit.record(new AuditEvent(AuditEvent.Outcome.REDACTED, name, "llm:" + endpoint, origin,
                                method, path, client, "taken out of the prompt to " + endpoint, caller.identity,
                                caller.tool));
                    }
                });
            };
        }
        Grant[] exact = host == null ? null : index.exactGrants(host);
        List<Grant> wild = new ArrayList<>();
        if (host != null) {
            index.wildcardGrants(host, wild);
        }
        FrozenDecision frozen = new Decision(decided, host, exact, wild).frozen();
        return downstream -> new GuardedBodyStream(downstream, matcher, frozen);
    }

    /** The identity of requests made outside any tool: the option, else the rule file's, else "default". */
    public String defaultIdentity() {
        return callers.defaultIdentity();
    }

    Caller currentCaller() {
        return callers.current();
    }

    /** The engine for the socket and TLS layers, deciding with the same rules and secrets as this one. */
    public io.egressguard.bootstrap.Backstop.Engine backstop() {
        return new ConnectionBackstop(this, audit, reporter);
    }

    SecretMatcher currentMatcher() {
        return matcher;
    }

    RuleIndex index() {
        return index;
    }

    boolean isLlmPeer(String scheme, String canonicalHost, int port) {
        return llm.matchesPeer(scheme, canonicalHost, port);
    }

    /** Takes the store's current secrets into use for every decision from now on. */
    public void updateSecrets(SecretValues newValues, SecretMatcher newMatcher) {
        this.matcher = newMatcher;
        this.values = newValues;
    }

    @Override
    public void internalError(String where, Throwable error) {
        reporter.internalError(where, error);
    }

    /** Replaces known secret values in text for output (messages, audit); handles stay as they are. */
    String redact(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder sb = null;
        int pos = 0;
        int copied = 0;
        Match m;
        while ((m = matcher.find(text, pos)) != null) {
            pos = m.end();
            if (m.kind() != Match.Kind.SECRET) {
                continue;
            }
            if (sb == null) {
                sb = new StringBuilder(text.length());
            }
            sb.append(text, copied, m.start()).append("[REDACTED:").append(m.secret()).append(']');
            copied = m.end();
        }
        if (sb == null) {
            return text;
        }
        return sb.append(text, copied, text.length()).toString();
    }

    private String redactedName(String headerName) {
        return redact(headerName);
    }

    /**
     * The work for one request that needs more than a glance: which grants apply, what was injected,
     * what was violated. Created only when a header, URL or body mentions a handle or secret, or when
     * a rule covers the host.
     */
    final class Decision {
        private final OutboundRequest r;
        private final String scheme;
        private final int port;
        private final String method;
        private final String path;
        private final String normalisedPath;
        private final List<Grant> matching = new ArrayList<>(2);
        private final List<Grant> originOnly = new ArrayList<>(2);
        /** Grants that match the request but not the tool or identity making it. */
        private List<Grant> refusedToCaller;
        private final Caller caller;
        private List<AuditEvent> injected;
        private List<Violation> violations;

        Decision(OutboundRequest r, String canonicalHost, Grant[] exact, List<Grant> wild) {
            this.r = r;
            this.scheme = r.scheme() == null ? "" : r.scheme().toLowerCase(Locale.ROOT);
            this.port = r.port();
            this.method = r.method() == null ? "GET" : r.method().toUpperCase(Locale.ROOT);
            this.path = r.rawPath();
            this.normalisedPath = RequestPaths.normalise(r.rawPath());
            this.caller = callers.current();
            if (exact != null) {
                for (Grant g : exact) {
                    consider(g, canonicalHost);
                }
            }
            if (wild != null) {
                for (Grant g : wild) {
                    consider(g, canonicalHost);
                }
            }
        }

        private void consider(Grant g, String canonicalHost) {
            if (g.destination.matchesOrigin(scheme, canonicalHost, port)) {
                if (g.destination.matchesMethod(method) && g.destination.matchesPath(normalisedPath)) {
                    if (g.destination.admits(caller.tool, caller.identity)) {
                        matching.add(g);
                    } else {
                        if (refusedToCaller == null) {
                            refusedToCaller = new ArrayList<>(1);
                        }
                        refusedToCaller.add(g);
                        originOnly.add(g);
                    }
                } else {
                    originOnly.add(g);
                }
            } else {
                originOnly.add(g);
            }
        }

        /** Takes secrets out of a body to an LLM API; with {@code on-secret: block} refuses it instead. */
        void cleanLlmBody(String endpoint) {
            List<String> replaced = new ArrayList<>(2);
            byte[] cleaned = JsonBodyRedactor.redact(r.bodyBytes(), r.bodyOffset(), r.bodyLength(),
                    redaction.redactor(), TextRedactor.Style.HANDLE, replaced);
            if (cleaned == null) {
                return;
            }
            java.util.Set<String> names = new java.util.LinkedHashSet<>(replaced);
            if (index.rules().llm().blockSecrets()) {
                for (String name : names) {
                    if (violations == null) {
                        violations = new ArrayList<>(2);
                    }
                    violations.add(new Violation(new Match(Match.Kind.SECRET, name, "raw", 0, 0),
                            "in the body of a request to the LLM API " + endpoint, "in-llm-prompt", -1, true));
                }
                return;
            }
            r.replaceBody(cleaned);
            for (String name : names) {
                audit.record(new AuditEvent(AuditEvent.Outcome.REDACTED, name, "llm:" + endpoint, r.origin(), method,
                        redact(path), r.client(), "taken out of the prompt to " + endpoint, caller.identity, caller.tool));
            }
            if (reporter.debugging()) {
                reporter.debug("cleaned " + names.size() + " secret(s) out of " + method + " " + redact(r.url()));
            }
        }

        /** A copy that no longer refers to the (reused) request record, for streamed bodies. */
        FrozenDecision frozen() {
            return new FrozenDecision(this);
        }

        /** A grant for this very request that the calling tool or identity may not use. */
        Grant refusedGrant(String secret) {
            if (refusedToCaller != null) {
                for (Grant g : refusedToCaller) {
                    if (g.secretName().equals(secret)) {
                        return g;
                    }
                }
            }
            return null;
        }

        Grant grantFor(String secret) {
            for (Grant g : matching) {
                if (g.secretName().equals(secret)) {
                    return g;
                }
            }
            return null;
        }

        /**
         * Handles the matches in one header value. Returns the new value when handles were replaced,
         * or {@code null} when the value stays (or the header is stripped).
         */
        String header(int index, String name, String value, Match first) {
            StringBuilder out = null;
            int copied = 0;
            Match m = first;
            while (m != null) {
                if (m.kind() == Match.Kind.HANDLE) {
                    Grant g = grantFor(m.secret());
                    if (g != null && g.secret.injection().mode() == Injection.Mode.REPLACE_HANDLE
                            && g.secret.injection().handleAllowedIn(name)) {
                        String secretValue = trustedCaller() ? values.valueOf(m.secret()) : null;
                        if (!trustedCaller()) {
                            violation(m, "in header '" + name + "'", "untrusted-caller", index, true);
                        } else if (secretValue == null) {
                            violation(m, "in header '" + name + "'", "secret-unavailable", index, false);
                        } else {
                            if (out == null) {
                                out = new StringBuilder(value.length() + 32);
                            }
                            out.append(value, copied, m.start()).append(secretValue);
                            copied = m.end();
                            injectedEvent(g, "handle replaced in " + name);
                        }
                    } else if (g != null && g.secret.injection().mode() == Injection.Mode.SET_HEADER
                            && g.secret.injection().header().equalsIgnoreCase(name)) {
                        // the guard sets this very header itself; the application's placeholder is overwritten
                    } else {
                        violation(m, "in header '" + name + "'", g != null ? "wrong-header" : "destination", index, false);
                    }
                } else if (grantFor(m.secret()) == null) {
                    violation(m, "in header '" + name + "'", "destination", index, false);
                }
                m = matcher.find(value, m.end());
            }
            if (out == null) {
                return null;
            }
            return out.append(value, copied, value.length()).toString();
        }

        void setHeaders() {
            if (!trustedCaller()) {
                return; // only code the agent wove may receive a credential
            }
            for (Grant g : matching) {
                Injection inj = g.secret.injection();
                if (inj.mode() != Injection.Mode.SET_HEADER) {
                    continue;
                }
                String secretValue = values.valueOf(g.secretName());
                if (secretValue == null) {
                    reporter.warn("secret '" + g.secretName() + "' is not available; request to " + r.origin()
                            + " leaves without it");
                    continue;
                }
                r.setHeader(inj.header(), format(inj, secretValue));
                injectedEvent(g, "header " + inj.header() + " set");
            }
        }

        private String format(Injection inj, String secret) {
            switch (inj.format()) {
                case BEARER:
                    return "Bearer " + secret;
                case BASIC:
                    return "Basic " + Base64.getEncoder().encodeToString(
                            (inj.username() + ":" + secret).getBytes(StandardCharsets.UTF_8));
                case TEMPLATE:
                    return inj.template().replace("{secret}", secret);
                default:
                    return secret;
            }
        }

        /** Whether the request comes from code the agent wove, which alone holds the capability key. */
        private boolean trustedCaller() {
            return r.capability() == capabilityKey;
        }

        private void injectedEvent(Grant g, String how) {
            if (injected == null) {
                injected = new ArrayList<>(2);
            }
            injected.add(new AuditEvent(AuditEvent.Outcome.INJECTED, g.secretName(), g.ruleId(), r.origin(), method,
                    redact(path), r.client(), how, caller.identity, caller.tool));
        }

        void violation(Match m, String where, String code, int headerIndex, boolean unstrippable) {
            if (m.kind() == Match.Kind.SECRET && grantFor(m.secret()) != null) {
                return; // the real value going where that very secret is allowed: the app's own business
            }
            if (violations == null) {
                violations = new ArrayList<>(2);
            }
            violations.add(new Violation(m, where, code, headerIndex, unstrippable));
        }

        int finish() throws EgressBlockedException {
            if (violations != null) {
                Violation blocking = null;
                for (Violation v : violations) {
                    if (v.unstrippable || v.headerIndex < 0 || !strips(v.secret)) {
                        blocking = v;
                        break;
                    }
                }
                if (blocking != null) {
                    String message = blockMessage(blocking);
                    for (Violation v : violations) {
                        audit.record(event(AuditEvent.Outcome.BLOCKED, v));
                    }
                    reporter.debug(message);
                    throw new EgressBlockedException(message, blocking.ruleId(), blocking.reason());
                }
                for (Violation v : violations) {
                    r.removeHeader(v.headerIndex);
                    audit.record(event(AuditEvent.Outcome.STRIPPED, v));
                    if (reporter.debugging()) { // the line costs a scan of the URL: only when it is printed
                        reporter.debug("stripped header " + r.headerName(v.headerIndex) + " from " + r.method() + " "
                                + redact(r.url()) + ": " + v.explain());
                    }
                }
            }
            if (injected != null) {
                for (AuditEvent e : injected) {
                    audit.record(e);
                    if (reporter.debugging()) { // the line costs a scan of the URL: only when it is printed
                        reporter.debug("injected " + e.secret() + " into " + method + " " + redact(r.url()) + " ("
                                + e.rule() + ")");
                    }
                }
            }
            return r.headersChanged() || r.replacedBody() != null ? Guard.MODIFIED : Guard.PASS;
        }

        private boolean strips(String secret) {
            SecretRule rule = index.rules().secret(secret);
            if (rule == null) {
                return stripByDefault;
            }
            return rule.onViolation() == SecretRule.OnViolation.STRIP;
        }

        private AuditEvent event(AuditEvent.Outcome outcome, Violation v) {
            return new AuditEvent(outcome, v.secret, v.ruleId(), r.origin(), method, redact(path), r.client(), v.explain(),
                    caller.identity, caller.tool);
        }

        private String blockMessage(Violation v) {
            return "Egress Guard blocked " + method + " " + redact(r.url()) + ": " + v.explain()
                    + (violations.size() > 1 ? " (and " + (violations.size() - 1) + " more problem(s), see the audit log)" : "");
        }

        /** One thing in the request that may not go there. */
        final class Violation {
            final String secret;
            final Match.Kind kind;
            final String encoding;
            final String where;
            final String code;
            final int headerIndex;
            final boolean unstrippable;

            Violation(Match m, String where, String code, int headerIndex, boolean unstrippable) {
                this.secret = m.secret();
                this.kind = m.kind();
                this.encoding = m.encoding();
                this.where = where;
                this.code = code;
                this.headerIndex = headerIndex;
                this.unstrippable = unstrippable;
            }

            String what() {
                return kind == Match.Kind.HANDLE ? "the handle of secret '" + secret + "'"
                        : "the value of secret '" + secret + "'" + ("raw".equals(encoding) ? "" : " (" + encoding + "-encoded)");
            }

            String reason() {
                return (kind == Match.Kind.HANDLE ? "handle-" : "secret-") + code;
            }

            String ruleId() {
                Grant g = grantFor(secret);
                if (g != null) {
                    return g.ruleId();
                }
                Grant refused = refusedGrant(secret);
                if (refused != null) {
                    return refused.ruleId();
                }
                List<Grant> all = index.grantsOf(secret);
                return all.isEmpty() ? "none" : all.get(0).ruleId();
            }

            String explain() {
                StringBuilder sb = new StringBuilder();
                sb.append(what()).append(' ').append(where);
                Grant g = grantFor(secret);
                if ("in-url".equals(code) || "in-host".equals(code)) {
                    sb.append(", where a credential never belongs");
                } else if ("in-body".equals(code)) {
                    sb.append(g == null ? ", which may not go to " + r.origin()
                            : "; handles are only replaced in headers (" + g.secret.injection().describe() + ")");
                } else if ("wrong-header".equals(code)) {
                    sb.append(" is not where rule ").append(g.ruleId()).append(" puts it (")
                            .append(g.secret.injection().describe()).append(')');
                } else if ("in-llm-prompt".equals(code)) {
                    sb.append(" (the rule file says llm: {on-secret: block})");
                } else if ("untrusted-caller".equals(code)) {
                    sb.append(" cannot be injected: this request was not made through a guarded HTTP client");
                } else if ("secret-unavailable".equals(code)) {
                    sb.append(" cannot be injected: the secret could not be read from the store");
                } else if (refusedGrant(secret) != null) {
                    explainRefusedToCaller(sb, refusedGrant(secret));
                } else {
                    sb.append(" may not go to ").append(r.origin()).append(' ').append(method).append(' ')
                            .append(normalisedPath == null ? redact(path) : redact(normalisedPath));
                    List<Grant> all = index.grantsOf(secret);
                    if (all.isEmpty()) {
                        sb.append("; no rule allows it anywhere");
                    } else {
                        sb.append("; allowed: ");
                        for (int i = 0; i < all.size() && i < 3; i++) {
                            if (i > 0) {
                                sb.append("; ");
                            }
                            sb.append(all.get(i).ruleId()).append(" = ").append(all.get(i).destination.describe());
                        }
                        if (plainHttpOnly(all)) {
                            sb.append(" (plain http is refused unless a rule says scheme: http)");
                        }
                    }
                }
                return sb.toString();
            }

            /**
             * The destination is right but the caller is not: name the tool, the secret, the rule that
             * stopped it and what that rule would need to say.
             */
            private void explainRefusedToCaller(StringBuilder sb, Grant g) {
                String tool = caller.tool == null ? io.egressguard.core.rules.DestinationRule.OUTSIDE_TOOLS : caller.tool;
                sb.append(": ").append(caller.describe()).append(" may not use secret '").append(secret)
                        .append("' for ").append(method).append(' ').append(r.origin())
                        .append(normalisedPath == null ? redact(path) : redact(normalisedPath))
                        .append("; rule ").append(g.ruleId()).append(" (line ").append(g.destination.line())
                        .append(") allows it only");
                java.util.Set<String> tools = g.destination.tools();
                java.util.Set<String> identities = g.destination.identities();
                if (!tools.isEmpty()) {
                    sb.append(" for tools [").append(String.join(", ", tools)).append(']');
                }
                if (!identities.isEmpty()) {
                    sb.append(tools.isEmpty() ? "" : " and").append(" for identities [")
                            .append(String.join(", ", identities)).append(']');
                }
                sb.append("; the rule needed:");
                if (!tools.isEmpty() && !tools.contains(tool)) {
                    sb.append(" '").append(tool).append("' in its 'tools'");
                }
                if (!identities.isEmpty() && !identities.contains(caller.identity)) {
                    sb.append(!tools.isEmpty() && !tools.contains(tool) ? " and" : "").append(" '")
                            .append(caller.identity).append("' in its 'identities'");
                }
            }

            /** True when a rule would allow this over https, on the same host and port. */
            private boolean plainHttpOnly(List<Grant> all) {
                if (!"http".equals(scheme)) {
                    return false;
                }
                String host = Hosts.canonical(r.host());
                for (Grant g : all) {
                    int httpsPort = port == 80 ? 443 : port;
                    if (g.destination.scheme().equals("https") && host != null
                            && g.destination.matchesOrigin("https", host, httpsPort)) {
                        return true;
                    }
                }
                return false;
            }
        }
    }

    /** What a streamed body needs to know about its request, copied out of the reused record. */
    final class FrozenDecision {
        private final String origin;
        private final String method;
        private final String url;
        private final String path;
        private final String client;
        private final Caller caller;
        private final List<String> allowedSecrets = new ArrayList<>(2);
        private final List<String> allowedRules = new ArrayList<>(2);

        FrozenDecision(Decision d) {
            this.origin = d.r.origin();
            this.method = d.method;
            this.url = redact(d.r.url());
            this.path = redact(d.path);
            this.client = d.r.client();
            this.caller = d.caller;
            for (Grant g : d.matching) {
                allowedSecrets.add(g.secretName());
                allowedRules.add(g.ruleId());
            }
        }

        /** Throws when a match found in a streamed body may not go to this request's destination. */
        void check(Match m) throws EgressBlockedException {
            if (m.kind() == Match.Kind.SECRET && allowedSecrets.contains(m.secret())) {
                return;
            }
            String what = m.kind() == Match.Kind.HANDLE ? "the handle of secret '" + m.secret() + "'"
                    : "the value of secret '" + m.secret() + "'";
            int i = allowedSecrets.indexOf(m.secret());
            String rule = i >= 0 ? allowedRules.get(i) : "none";
            String reason = (m.kind() == Match.Kind.HANDLE ? "handle-" : "secret-") + "in-body";
            String explain = what + " in the request body" + (m.kind() == Match.Kind.HANDLE
                    ? ", where handles are never replaced" : ", which may not go to " + origin);
            audit.record(new AuditEvent(AuditEvent.Outcome.BLOCKED, m.secret(), rule, origin, method, path, client,
                    explain, caller.identity, caller.tool));
            String message = "Egress Guard blocked " + method + " " + url + ": " + explain;
            reporter.debug(message);
            throw new EgressBlockedException(message, rule, reason);
        }
    }
}
