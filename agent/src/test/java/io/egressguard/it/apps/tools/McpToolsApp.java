package io.egressguard.it.apps.tools;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * An MCP server (the SDK's streamable HTTP servlet transport on an embedded Jetty, loopback) with
 * GitHub tools that call a loopback API needing a token, and an MCP client calling them over HTTP.
 * The client sends the MCP server's token as a handle; the server counts the requests that arrived
 * with the real token (read from standard input, never printed). Prints {@code CALL tool: result}.
 *
 * <p>Arguments: MCP port, GitHub stand-in URL, GitHub handle, MCP token handle.
 */
public final class McpToolsApp {

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        String github = args[1];
        String githubHandle = args[2];
        String mcpHandle = args[3];
        String mcpToken = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine().trim();

        AtomicInteger withToken = new AtomicInteger();
        AtomicInteger requests = new AtomicInteger();
        HttpServletStreamableServerTransportProvider transport = HttpServletStreamableServerTransportProvider.builder()
                .mcpEndpoint("/mcp").build();
        McpSyncServer mcp = McpServer.sync(transport).serverInfo("issues-server", "1.0")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(true).build())
                .tools(tool("listIssues", github, githubHandle, "/repos/acme/app/issues"),
                        tool("closeIssue", github, githubHandle, "/repos/acme/app/issues/7"),
                        tool("deleteRepo", github, githubHandle, "/repos/acme/app"))
                .build();
        Server jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        jetty.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(new ServletHolder(transport), "/*");
        Filter tokenCheck = (request, response, chain) -> {
            requests.incrementAndGet();
            if (("Bearer " + mcpToken).equals(((HttpServletRequest) request).getHeader("Authorization"))) {
                withToken.incrementAndGet();
            }
            chain.doFilter(request, response);
        };
        context.addFilter(new FilterHolder(tokenCheck), "/*", EnumSet.of(jakarta.servlet.DispatcherType.REQUEST));
        jetty.setHandler(context);
        jetty.start();

        HttpClientStreamableHttpTransport clientTransport = HttpClientStreamableHttpTransport
                .builder("http://127.0.0.1:" + port).endpoint("/mcp")
                .httpRequestCustomizer((builder, method, uri, body, ctx) -> builder.header("Authorization", "Bearer " + mcpHandle))
                .build();
        try (McpSyncClient client = McpClient.sync(clientTransport).requestTimeout(Duration.ofSeconds(30)).build()) {
            client.initialize();
            for (String name : new String[] {"listIssues", "closeIssue", "deleteRepo", "listRepos"}) {
                String result;
                try {
                    McpSchema.CallToolResult r = client.callTool(new McpSchema.CallToolRequest(name, Map.of()));
                    result = ((McpSchema.TextContent) r.content().get(0)).text();
                } catch (Exception e) {
                    result = e.getClass().getName() + ": " + e.getMessage();
                }
                System.out.println("CALL " + name + ": " + result.replace('\n', ' '));
            }
        }
        System.out.println("MCP server requests " + requests.get() + ", with the real token " + withToken.get());
        mcp.close();
        jetty.stop();
        System.out.flush();
        System.exit(0); // the SDK's and Jetty's pools keep non-daemon threads
    }

    /** A tool that GETs one path of the GitHub stand-in with the handle and answers what happened. */
    private static McpServerFeatures.SyncToolSpecification tool(String name, String github, String handle, String path) {
        McpSchema.Tool tool = McpSchema.Tool.builder(name).description(name)
                .inputSchema(Map.of("type", "object", "properties", Map.of())).build();
        return new McpServerFeatures.SyncToolSpecification(tool, (exchange, request) -> {
            String text;
            try {
                HttpURLConnection c = (HttpURLConnection) new URL(github + path).openConnection();
                c.setRequestProperty("Authorization", "Bearer " + handle);
                text = "status " + c.getResponseCode();
                c.disconnect();
            } catch (Exception e) {
                text = e.getClass().getSimpleName() + ": " + e.getMessage();
            }
            return McpSchema.CallToolResult.builder().addTextContent(text).build();
        });
    }
}
