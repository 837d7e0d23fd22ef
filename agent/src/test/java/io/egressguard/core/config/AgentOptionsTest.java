package io.egressguard.core.config;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Paths;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The agent's settings: agent argument over system property over environment variable, and every
 * mistake stops the agent with a message that names the setting, where it came from and what to write.
 */
class AgentOptionsTest {

    private final Properties props = new Properties();
    private final Map<String, String> env = new HashMap<>();

    private AgentOptions load(String agentArgs) throws OptionsException {
        return AgentOptions.load(agentArgs, props, env);
    }

    private String error(String agentArgs) {
        return assertThrows(OptionsException.class, () -> load(agentArgs)).getMessage();
    }

    @Test
    void agentArgumentWinsOverSystemPropertyWhichWinsOverEnvironment() throws Exception {
        env.put("EGRESS_GUARD_RULES", "/env/rules.yaml");
        env.put("EGRESS_GUARD_STORE", "/env/store.json");
        env.put("EGRESS_GUARD_AUDIT", "/env/audit.jsonl");
        props.setProperty("egressguard.store", "/prop/store.json");
        props.setProperty("egressguard.audit", "/prop/audit.jsonl");
        AgentOptions o = load("audit=/arg/audit.jsonl");
        assertEquals(Paths.get("/arg/audit.jsonl"), o.audit(), "agent argument first");
        assertEquals(Paths.get("/prop/store.json"), o.store(), "system property second");
        assertEquals(Paths.get("/env/rules.yaml"), o.rules(), "environment variable last");
    }

    @Test
    void keysetAndAuditDefaultToFilesNextToTheStore() throws Exception {
        AgentOptions o = load("rules=r.yaml,store=/srv/eg/store.json");
        assertEquals(Paths.get("/srv/eg/keyset.json"), o.keyset());
        assertEquals(Paths.get("/srv/eg/audit.jsonl"), o.audit());
    }

    @Test
    void defaults() throws Exception {
        AgentOptions o = load("rules=r.yaml");
        assertEquals(AgentOptions.FailMode.CLOSED, o.failMode(), "fail closed unless asked otherwise");
        assertFalse(o.stripByDefault());
        assertFalse(o.quiet());
        assertFalse(o.debug());
        assertEquals(16 * 1024 * 1024, o.maxBufferedBody());
        assertEquals(2, o.storeReloadSeconds(), "new secrets are picked up within seconds by default");
        assertTrue(o.store().endsWith(Paths.get(".egress-guard", "store.json")), o.store().toString());
    }

    @Test
    void everyOptionParses() throws Exception {
        AgentOptions o = load(" rules = r.yaml , store=s.json,keyset=k.json,audit=a.jsonl,failMode=OPEN,onViolation=strip,"
                + "quiet=true,debug=TRUE,maxBufferedBody=1024,storeReload=0");
        assertEquals(Paths.get("r.yaml"), o.rules(), "spaces around names and values are ignored");
        assertEquals(Paths.get("k.json"), o.keyset());
        assertEquals(AgentOptions.FailMode.OPEN, o.failMode());
        assertTrue(o.stripByDefault());
        assertTrue(o.quiet());
        assertTrue(o.debug());
        assertEquals(1024, o.maxBufferedBody());
        assertEquals(0, o.storeReloadSeconds());
    }

    @Test
    void environmentVariableNamesAreDerivedFromOptionNames() {
        assertEquals("EGRESS_GUARD_FAIL_MODE", AgentOptions.Key.FAIL_MODE.environmentVariable());
        assertEquals("EGRESS_GUARD_MAX_BUFFERED_BODY", AgentOptions.Key.MAX_BUFFERED_BODY.environmentVariable());
        assertEquals("egressguard.failMode", AgentOptions.Key.FAIL_MODE.systemProperty());
    }

    @Test
    void missingRulesSaysHowToGiveThem() {
        String m = error("store=s.json");
        assertTrue(m.contains("no rule file given"), m);
        assertTrue(m.contains("-javaagent:egress-guard-agent.jar=rules=PATH"), m);
        assertTrue(m.contains("-Degressguard.rules=PATH") && m.contains("EGRESS_GUARD_RULES=PATH"), m);
    }

    @Test
    void unknownOptionSuggestsTheClosestAndListsAll() {
        String m = error("rule=r.yaml");
        assertTrue(m.contains("unknown agent option 'rule'; did you mean 'rules'?"), m);
        assertTrue(m.contains("rules, store, keyset, audit, failMode"), m);
        String far = error("rules=r.yaml,zzz=1");
        assertTrue(far.contains("unknown agent option 'zzz'") && !far.contains("did you mean"), far);
    }

    @Test
    void unknownSystemPropertyIsAnErrorEvenWhenOnlyTheCaseIsWrong() {
        props.setProperty("egressguard.Rules", "r.yaml");
        String m = error(null);
        assertTrue(m.contains("unknown system property 'egressguard.Rules'; did you mean 'egressguard.rules'?"), m);
        props.clear();
        props.setProperty("egressguard.failmod", "open");
        String typo = error("rules=r.yaml");
        assertTrue(typo.contains("did you mean 'egressguard.failMode'?"), typo);
    }

    @Test
    void unknownEnvironmentVariableIsAnErrorWithASuggestion() {
        env.put("EGRESS_GUARD_FAILMODE", "open");
        String m = error("rules=r.yaml");
        assertTrue(m.contains("unknown environment variable 'EGRESS_GUARD_FAILMODE'; did you mean 'EGRESS_GUARD_FAIL_MODE'?"), m);
        env.clear();
        env.put("EGRESS_GUARD_RULE", "r.yaml");
        assertTrue(error(null).contains("did you mean 'EGRESS_GUARD_RULES'?"));
        env.clear();
        env.put("OTHER_TOOL_RULES", "x");
        env.put("EGRESS_GUARD_RULES", "r.yaml");
        assertEquals(Paths.get("r.yaml"), assertDoesNotThrow(() -> load(null)).rules(), "other variables are not ours");
    }

    @Test
    void testPropertiesOfTheBuildAreNotSettings() throws Exception {
        props.setProperty("egressguard.test.agentJar", "x.jar");
        load("rules=r.yaml");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "rules=r.yaml,failMode=maybe        | setting 'failMode' (from agent argument) is 'maybe' but must be 'closed' or 'open'",
        "rules=r.yaml,onViolation=warn      | setting 'onViolation' (from agent argument) is 'warn' but must be 'block' or 'strip'",
        "rules=r.yaml,quiet=yes             | setting 'quiet' (from agent argument) is 'yes' but must be 'true' or 'false'",
        "rules=r.yaml,debug=1               | setting 'debug' (from agent argument) is '1' but must be 'true' or 'false'",
        "rules=r.yaml,maxBufferedBody=lots  | setting 'maxBufferedBody' (from agent argument) is 'lots' but must be a number of bytes",
        "rules=r.yaml,maxBufferedBody=-1    | must be between 0 and",
        "rules=r.yaml,storeReload=often     | setting 'storeReload' (from agent argument) is 'often' but must be a whole number of seconds (0: never)",
        "rules=r.yaml,storeReload=-5        | must be between 0 (never) and 86400 seconds",
        "rules=r.yaml,maxBufferedBody=99999999999 | must be between 0 and",
        "rules=                             | setting 'rules' (from agent argument) is empty; give it a value or leave it out",
        "rules                              | agent option 'rules' is not of the form name=value",
        "rules=a.yaml,rules=b.yaml          | agent option 'rules' is given twice; give it once",
    })
    void badValuesNameTheSettingItsSourceAndWhatIsAllowed(String agentArgs, String expected) {
        String m = error(agentArgs);
        assertTrue(m.contains(expected), m);
    }

    @Test
    void badValueFromTheEnvironmentNamesTheVariable() {
        env.put("EGRESS_GUARD_FAIL_MODE", "sometimes");
        String m = error("rules=r.yaml");
        assertTrue(m.contains("(from environment variable EGRESS_GUARD_FAIL_MODE)"), m);
    }

    @Test
    void badValueFromASystemPropertyNamesTheProperty() {
        props.setProperty("egressguard.quiet", "loud");
        String m = error("rules=r.yaml");
        assertTrue(m.contains("(from system property egressguard.quiet)"), m);
    }

    @Test
    void optionNamesAreCaseInsensitiveInTheAgentArgument() throws Exception {
        assertEquals(AgentOptions.FailMode.OPEN, load("RULES=r.yaml,failmode=open").failMode());
    }
}
