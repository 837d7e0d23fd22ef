package io.egressguard.it.apps.sinks;

import java.nio.file.Path;
import java.nio.file.Paths;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Logs through SLF4J to Logback: a console appender and a plain file appender with a pattern layout,
 * and (args[2] = json, Logback 1.3.8+) a file appender with Logback's JSON encoder.
 * Usage: OUTPUT_DIR secrets|clean [json]
 */
public final class LogbackApp {

    private LogbackApp() {}

    public static void main(String[] args) throws Exception {
        Path dir = Paths.get(args[0]);
        boolean json = args.length > 2 && args[2].equals("json");
        String pattern = "%-5level %logger{0} auth=%X{auth} - %msg%n";
        StringBuilder xml = new StringBuilder("<configuration>\n"
                + "  <appender name='CONSOLE' class='ch.qos.logback.core.ConsoleAppender'>\n"
                + "    <encoder><pattern>" + pattern + "</pattern></encoder>\n"
                + "  </appender>\n"
                + "  <appender name='PLAIN' class='ch.qos.logback.core.FileAppender'>\n"
                + "    <file>" + dir.resolve("logback-plain.log") + "</file><append>false</append>\n"
                + "    <encoder><pattern>" + pattern + "</pattern></encoder>\n"
                + "  </appender>\n");
        if (json) {
            xml.append("  <appender name='JSON' class='ch.qos.logback.core.FileAppender'>\n"
                    + "    <file>" + dir.resolve("logback-json.log") + "</file><append>false</append>\n"
                    + "    <encoder class='ch.qos.logback.classic.encoder.JsonEncoder'/>\n"
                    + "  </appender>\n");
        }
        xml.append("  <root level='INFO'><appender-ref ref='CONSOLE'/><appender-ref ref='PLAIN'/>")
                .append(json ? "<appender-ref ref='JSON'/>" : "").append("</root>\n</configuration>\n");
        Path config = dir.resolve("logback-test-config.xml");
        SinkCases.write(config, xml.toString().replace('\'', '"'));
        System.setProperty("logback.configurationFile", config.toString());

        Logger log = LoggerFactory.getLogger("app");
        log.info(SinkCases.CLEAN_MESSAGE);
        log.info("clean argument {}", SinkCases.CLEAN_ARGUMENT);
        MDC.put("auth", SinkCases.CLEAN_MDC);
        log.info("clean mdc");
        MDC.remove("auth");
        log.warn("clean failure", new IllegalArgumentException(SinkCases.CLEAN_EXCEPTION));
        if (SinkCases.secretsMode(args)) {
            log.info("token in message " + SinkCases.SECRET);
            log.info("token in argument {}", SinkCases.SECRET);
            MDC.put("auth", SinkCases.SECRET);
            log.info("token in mdc");
            MDC.remove("auth");
            log.error("call failed", SinkCases.nestedFailure());
            log.info("long token {}", SinkCases.LONG);
        }
        log.info("last line");
        Object context = LoggerFactory.getILoggerFactory(); // Logback's LoggerContext: stop() closes the files
        context.getClass().getMethod("stop").invoke(context);
    }
}
