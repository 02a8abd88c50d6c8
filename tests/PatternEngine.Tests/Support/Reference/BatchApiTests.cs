using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace PatternEngine.Tests.Support.Reference;

/// <summary>The reference server's Batch API speaks OpenAI's protocol: files up, a batch made and polled, the output file down.</summary>
public sealed class BatchApiTests
{
    private static readonly ReferenceQuestion Question = ReferenceQuestion.Sum("q1", 12, 30);

    private static string Line(string id) => new JsonObject
    {
        ["custom_id"] = id,
        ["method"] = "POST",
        ["url"] = "/v1/chat/completions",
        ["body"] = new JsonObject { ["model"] = "m", ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = Question.Text }) },
    }.ToJsonString();

    private static async Task<(JsonObject Batch, string Output, string Errors)> RunBatchAsync(ReferenceServer server, params string[] ids)
    {
        using var http = new HttpClient { BaseAddress = new Uri(server.Endpoint + "/") };
        using var form = new MultipartFormDataContent
        {
            { new StringContent("batch"), "purpose" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(string.Join("\n", ids.Select(Line)) + "\n")), "file", "wave.jsonl" },
        };
        var file = (await (await http.PostAsync("files", form)).Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("batch", file["purpose"]!.GetValue<string>());
        var created = (await (await http.PostAsJsonAsync("batches", new JsonObject
        {
            ["input_file_id"] = file["id"]!.GetValue<string>(), ["endpoint"] = "/v1/chat/completions", ["completion_window"] = "24h",
        })).Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("validating", created["status"]!.GetValue<string>());
        var statuses = new List<string>();
        JsonObject batch;
        do
        {
            batch = (await http.GetFromJsonAsync<JsonObject>("batches/" + created["id"]!.GetValue<string>()))!;
            statuses.Add(batch["status"]!.GetValue<string>());
        }
        while (statuses[^1] is "validating" or "in_progress");

        Assert.True(statuses.Count <= 2, string.Join(", ", statuses));
        async Task<string> Content(string key) =>
            batch[key]?.GetValue<string>() is { } id ? await http.GetStringAsync($"files/{id}/content") : "";
        return (batch, await Content("output_file_id"), await Content("error_file_id"));
    }

    [Fact]
    public async Task A_batch_is_validated_run_and_completed_with_each_line_answered_as_chat_completions_would()
    {
        await using var server = await ReferenceServer.StartAsync(new ServerConfig { Models = [new ReferenceModel("m")], Questions = [Question] });

        var (batch, output, errors) = await RunBatchAsync(server, "a", "b");

        Assert.Equal("completed", batch["status"]!.GetValue<string>());
        Assert.Equal(2, batch["request_counts"]!["completed"]!.GetValue<int>());
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(["a", "b"], lines.Select(l => l["custom_id"]!.GetValue<string>()));
        Assert.All(lines, l => Assert.Equal(200, l["response"]!["status_code"]!.GetValue<int>()));
        Assert.Contains("42", lines[0]["response"]!["body"]!["choices"]![0]!["message"]!["content"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("", errors);
        Assert.Equal(2, server.Log.Exchanges.Count);
    }

    [Fact]
    public async Task An_expired_batch_answers_its_first_lines_and_puts_the_rest_in_the_error_file_as_batch_expired()
    {
        await using var server = await ReferenceServer.StartAsync(new ServerConfig
        {
            Models = [new ReferenceModel("m")], Questions = [Question], BatchFaults = _ => BatchFault.ExpireAfter(1),
        });

        var (batch, output, errors) = await RunBatchAsync(server, "a", "b", "c");

        Assert.Equal("expired", batch["status"]!.GetValue<string>());
        Assert.Equal("a", JsonNode.Parse(output.Trim())!["custom_id"]!.GetValue<string>());
        var expired = errors.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(["b", "c"], expired.Select(l => l["custom_id"]!.GetValue<string>()));
        Assert.All(expired, l => Assert.Equal("batch_expired", l["error"]!["code"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Failed_lines_go_to_the_error_file_with_their_status_and_a_batch_that_fails_validation_has_no_output()
    {
        await using var server = await ReferenceServer.StartAsync(new ServerConfig
        {
            Models = [new ReferenceModel("m")], Questions = [Question],
            BatchFaults = n => n == 0 ? BatchFault.FailLines(id => id == "b") : BatchFault.FailValidation,
        });

        var (batch, output, errors) = await RunBatchAsync(server, "a", "b");
        var (invalid, _, _) = await RunBatchAsync(server, "a");

        Assert.Equal("completed", batch["status"]!.GetValue<string>());
        Assert.Equal(1, batch["request_counts"]!["failed"]!.GetValue<int>());
        Assert.Equal("a", JsonNode.Parse(output.Trim())!["custom_id"]!.GetValue<string>());
        Assert.Equal(500, JsonNode.Parse(errors.Trim())!["response"]!["status_code"]!.GetValue<int>());
        Assert.Equal("failed", invalid["status"]!.GetValue<string>());
        Assert.Null(invalid["output_file_id"]);
        Assert.NotEmpty(invalid["errors"]!["data"]!.AsArray());
    }
}
