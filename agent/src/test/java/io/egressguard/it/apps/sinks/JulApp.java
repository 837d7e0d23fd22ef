package io.egressguard.it.apps.sinks;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.logging.ConsoleHandler;
import java.util.logging.FileHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.logging.XMLFormatter;

/**
 * Logs through java.util.logging: a ConsoleHandler (standard error) and a FileHandler with the simple
 * formatter, and a FileHandler with the XML formatter. Usage: OUTPUT_DIR secrets|clean
 */
public final class JulApp {

    private JulApp() {}

    public static void main(String[] args) throws Exception {
        Path dir = Paths.get(args[0]);
        System.setProperty("java.util.logging.SimpleFormatter.format", "%4$s %3$s - %5$s%6$s%n");
        LogManager.getLogManager().reset();
        Logger log = Logger.getLogger("app");
        log.setUseParentHandlers(false);
        Handler console = new ConsoleHandler();
        Handler plain = new FileHandler(dir.resolve("jul-plain.log").toString());
        plain.setFormatter(new SimpleFormatter());
        Handler xml = new FileHandler(dir.resolve("jul-xml.log").toString());
        xml.setFormatter(new XMLFormatter());
        for (Handler h : new Handler[] {console, plain, xml}) {
            log.addHandler(h);
        }
        log.info(SinkCases.CLEAN_MESSAGE);
        log.log(Level.INFO, "clean argument {0}", SinkCases.CLEAN_ARGUMENT);
        log.log(Level.WARNING, "clean failure", new IllegalArgumentException(SinkCases.CLEAN_EXCEPTION));
        if (SinkCases.secretsMode(args)) {
            log.info("token in message " + SinkCases.SECRET);
            log.log(Level.INFO, "token in argument {0}", SinkCases.SECRET);
            log.log(Level.SEVERE, "call failed", SinkCases.nestedFailure());
            log.log(Level.INFO, "long token {0}", SinkCases.LONG);
        }
        log.info("last line");
        for (Handler h : log.getHandlers()) {
            h.close();
        }
    }
}
