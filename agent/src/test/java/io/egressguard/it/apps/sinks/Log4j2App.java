package io.egressguard.it.apps.sinks;

import java.nio.file.Path;
import java.nio.file.Paths;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.ThreadContext;

/**
 * Logs through Log4j2: a console appender and a plain file appender (pattern layout), a file appender
 * with the JSON template layout (ECS), and a buffered file appender whose 64-byte buffer drains every
 * event in pieces, so that secrets are cut across writes. Usage: OUTPUT_DIR secrets|clean
 */
public final class Log4j2App {

    private Log4j2App() {}

    public static void main(String[] args) throws Exception {
        Path dir = Paths.get(args[0]);
        String pattern = "%-5level %c{1} auth=%X{auth} - %msg%n";
        String xml = "<Configuration status='WARN'>\n"
                + "  <Appenders>\n"
                + "    <Console name='CONSOLE' target='SYSTEM_OUT'><PatternLayout pattern='" + pattern + "'/></Console>\n"
                + "    <File name='PLAIN' fileName='" + dir.resolve("log4j2-plain.log") + "' append='false'>"
                + "<PatternLayout pattern='" + pattern + "'/></File>\n"
                + "    <File name='SPLIT' fileName='" + dir.resolve("log4j2-split.log") + "' append='false'"
                + " bufferedIO='true' bufferSize='64' immediateFlush='false'>"
                + "<PatternLayout pattern='" + pattern + "'/></File>\n"
                + "    <File name='JSON' fileName='" + dir.resolve("log4j2-json.log") + "' append='false'>"
                + "<JsonTemplateLayout eventTemplateUri='classpath:EcsLayout.json'/></File>\n"
                + "  </Appenders>\n"
                + "  <Loggers><Root level='INFO'><AppenderRef ref='CONSOLE'/><AppenderRef ref='PLAIN'/>"
                + "<AppenderRef ref='SPLIT'/><AppenderRef ref='JSON'/></Root></Loggers>\n"
                + "</Configuration>\n";
        Path config = dir.resolve("log4j2-test-config.xml");
        SinkCases.write(config, xml.replace('\'', '"'));
        System.setProperty("log4j.configurationFile", config.toString());

        Logger log = LogManager.getLogger("app");
        log.info(SinkCases.CLEAN_MESSAGE);
        log.info("clean argument {}", SinkCases.CLEAN_ARGUMENT);
        ThreadContext.put("auth", SinkCases.CLEAN_MDC);
        log.info("clean mdc");
        ThreadContext.remove("auth");
        log.warn("clean failure", new IllegalArgumentException(SinkCases.CLEAN_EXCEPTION));
        if (SinkCases.secretsMode(args)) {
            log.info("token in message " + SinkCases.SECRET);
            log.info("token in argument {}", SinkCases.SECRET);
            ThreadContext.put("auth", SinkCases.SECRET);
            log.info("token in mdc");
            ThreadContext.remove("auth");
            log.error("call failed", SinkCases.nestedFailure());
            log.info("long token {}", SinkCases.LONG);
        }
        log.info("last line");
        LogManager.shutdown(); // flushes the buffered appender and closes the files
    }
}
