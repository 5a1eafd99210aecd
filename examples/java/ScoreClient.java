import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Scores units with a running {@code kaohe serve} over HTTP, with the JDK's own java.net.http and
 * no other library (JDK 11 or later; tested with 17). See docs/server.md.
 *
 * <pre>
 * javac -d out examples/java/ScoreClient.java
 * java -cp out ScoreClient http://127.0.0.1:8080 hubei/caizheng-bianzhi-2009-h1 \
 *     examples/hubei-2009-h1-units.yaml cohort &gt; result.json
 * </pre>
 *
 * The facts file is sent as it is: {@code .json} as application/json, anything else as
 * application/yaml. {@code cohort} prints the same bytes as
 * {@code kaohe score --format json}; {@code score} (one unit) prints its outcome as JSON;
 * {@code explain} (one unit) its 扣分说明 as text. When the environment variable KAOHE_TOKEN is
 * set, it is sent as the bearer token. A refused request prints the service's JSON (its issues,
 * each with a stable code) on standard error and exits with 1.
 */
public final class ScoreClient {
  private ScoreClient() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    if (args.length < 3 || args.length > 4) {
      System.err.println(
          "usage: ScoreClient <base-url> <rule-set-id> <facts-file> [cohort|score|explain]");
      System.exit(2);
    }
    String base = args[0].replaceAll("/+$", "");
    String ruleSet = args[1];
    Path facts = Path.of(args[2]);
    String action = args.length == 4 ? args[3] : "cohort";
    if (!action.equals("cohort") && !action.equals("score") && !action.equals("explain")) {
      System.err.println("action must be cohort, score or explain, not " + action);
      System.exit(2);
    }
    // The manifest of a cohort's result names the facts file as given here.
    String query =
        action.equals("cohort")
            ? "?file=" + URLEncoder.encode(args[2], StandardCharsets.UTF_8)
            : "";
    String type = args[2].endsWith(".json") ? "application/json" : "application/yaml";

    HttpClient client =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + "/rulesets/" + ruleSet + "/" + action + query))
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", type)
            .POST(HttpRequest.BodyPublishers.ofByteArray(Files.readAllBytes(facts)));
    String token = System.getenv("KAOHE_TOKEN");
    if (token != null && !token.isEmpty()) request.header("Authorization", "Bearer " + token);

    HttpResponse<byte[]> response =
        client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 200) {
      System.err.println("kaohe serve refused the request (HTTP " + response.statusCode() + "):");
      System.err.write(response.body());
      System.err.flush();
      System.exit(1);
    }
    // The body's bytes as they came (UTF-8), whatever the console's encoding.
    System.out.write(response.body());
    System.out.flush();
  }
}
