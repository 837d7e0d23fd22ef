package io.egressguard.demo.standin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The host a prompt injection wants credentials sent to. It accepts anything and keeps everything it
 * receives, raw, in its loot file, as a real collector would. The demo expects it to receive nothing;
 * if the guard ever let a credential through, the loot file is where the demo's secret scan finds it.
 */
public final class AttackerStandIn extends StandIn {

    private final Path lootFile;

    public AttackerStandIn(String bindAddress, Timeline timeline, Path dir) throws IOException {
        super("attacker", bindAddress, timeline, dir.resolve("attacker.log"));
        this.lootFile = dir.resolve("attacker-loot.txt");
        Files.write(lootFile, new byte[0]);
    }

    public Path lootFile() {
        return lootFile;
    }

    @Override
    protected String acceptedAuthorization() {
        return null;
    }

    @Override
    protected String credentialName() {
        return "credential";
    }

    @Override
    protected void keepRaw(Request request) throws IOException {
        StringBuilder sb = new StringBuilder();
        sb.append(request.method()).append(' ').append(request.pathAndQuery()).append('\n');
        request.headers().forEach((k, v) -> v.forEach(value -> sb.append(k).append(": ").append(value).append('\n')));
        sb.append('\n').append(request.body()).append("\n----\n");
        Files.writeString(lootFile, sb, StandardOpenOption.APPEND);
    }

    @Override
    protected Response handle(Request request, boolean authorized) {
        return Response.json(200, "{\"status\":\"received, thanks\"}", "collected");
    }
}
