package io.egressguard.it.apps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.HttpURLConnection;
import java.net.URL;
import java.util.ServiceLoader;

/**
 * An application with its own, much older Jackson on the class path. With the agent attached it must
 * behave exactly as without: its Jackson is the one it loads, module discovery finds nothing of the
 * agent's, and none of the agent's dependencies can be loaded from the application.
 */
public final class JacksonApp {

    private JacksonApp() {}

    public static void main(String[] args) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        mapper.findAndRegisterModules();
        JsonNode node = mapper.readTree("{\"a\":[1,2,3],\"b\":{\"c\":\"d\"}}");
        System.out.println("jackson-version " + com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION);
        System.out.println("jackson-works " + mapper.writeValueAsString(node));
        System.out.println("jackson-loader " + (ObjectMapper.class.getClassLoader() == ClassLoader.getSystemClassLoader()));
        int modules = 0;
        for (Object m : ServiceLoader.load(com.fasterxml.jackson.databind.Module.class)) {
            modules++;
        }
        System.out.println("jackson-modules " + modules);
        for (String name : new String[] {"net.bytebuddy.ByteBuddy", "io.egressguard.shaded.bytebuddy.ByteBuddy",
                "com.google.crypto.tink.Aead", "io.egressguard.shaded.tink.Aead", "io.egressguard.core.AgentInstaller",
                "io.egressguard.shaded.jackson.databind.ObjectMapper", "org.yaml.snakeyaml.Yaml",
                "com.google.protobuf.Message", "org.slf4j.Logger"}) {
            boolean visible;
            try {
                Class.forName(name);
                visible = true;
            } catch (ClassNotFoundException e) {
                visible = false;
            }
            System.out.println("visible " + name + " " + visible);
        }
        if (args.length > 0) {
            HttpURLConnection c = (HttpURLConnection) new URL(args[0]).openConnection();
            c.setRequestProperty("Authorization", "Bearer " + args[1]);
            System.out.println("request-status " + c.getResponseCode());
        }
    }
}
