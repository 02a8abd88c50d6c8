using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;
using PatternEngine.Execution;
using PatternEngine.Models.Recording;
using PatternEngine.Models.Routing;
using PatternEngine.Tests.Support;
using PatternEngine.Models.Calls;

namespace PatternEngine.Tests.Models.Recording;

public sealed class CassetteTests : IDisposable
{
    private const string OnePrompt = """
        name: cassette
        version: 1.0.0
        inputs:
          question: { type: string, required: true }
        stages:
          - id: answer
            kind: prompt
            template: "{{ question }}"
            temperature: 0.5
        output: answer
        """;

    private const string TwoPrompts = """
        name: cassette
        version: 1.0.0
        inputs:
          question: { type: string, required: true }
        stages:
          - id: answer
            kind: prompt
            template: "{{ question }}"
            temperature: 0.5
          - id: check
            kind: prompt
            template: "check {{ answer }}"
        output: check
        """;

    private readonly string _file = Path.Combine(Path.GetTempPath(), "cassette-tests-" + Guid.NewGuid().ToString("N") + ".jsonl");
    private readonly FakeTimeProvider _time = new();

    public void Dispose() => File.Delete(_file);

    // A model that takes 250 ms on the fake clock.
    private ScriptedChatClient SlowModel() => new((request, _) =>
    {
        _time.Advance(TimeSpan.FromMilliseconds(250));
        return Task.FromResult("answer to " + request.Prompt);
    });

    private Task<RunRecord> RunAsync(IChatClient model, Cassette cassette, CassetteMode mode, string yaml = OnePrompt, string question = "why?", bool streaming = false) =>
        Engines.For(model, b => b.UseCassette(cassette, mode).UseStreaming(streaming).WithTimeProvider(_time))
            .Compile(Patterns.Parse(yaml))
            .RunAsync(new Dictionary<string, string> { ["question"] = question });

    private List<JsonObject> Lines() => [.. File.ReadAllLines(_file).Select(l => JsonNode.Parse(l)!.AsObject())];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_cache_miss_calls_the_model_and_a_later_hit_keeps_its_usage_and_latency_marked_cached(bool streaming)
    {
        var model = SlowModel();
        RunRecord first;
        using (var cassette = Cassette.OpenOrCreate(_file))
        {
            first = await RunAsync(model, cassette, CassetteMode.Cache, streaming: streaming);
        }

        RunRecord second;
        using (var reopened = Cassette.OpenOrCreate(_file))
        {
            second = await RunAsync(model, reopened, CassetteMode.Cache, streaming: streaming);
        }

        Assert.Single(model.Requests);
        var live = first.Stages.Single().CallRecords.Single();
        var cached = second.Stages.Single().CallRecords.Single();
        Assert.Equal(CallSource.Live, live.Source);
        Assert.Equal(CallSource.Cache, cached.Source);
        Assert.True(cached.Cached);
        Assert.Equal(250, live.LatencyMs);
        Assert.Equal(live.LatencyMs, cached.LatencyMs);
        Assert.Equal(live.TimeToFirstTokenMs, cached.TimeToFirstTokenMs);
        Assert.Equal((live.InputTokens, live.OutputTokens, live.UsageSource), (cached.InputTokens, cached.OutputTokens, cached.UsageSource));
        Assert.Equal(live.Response, cached.Response);
        Assert.Equal(first.Output, second.Output);
        Assert.Equal((0, 1), (first.Totals.CachedCalls, second.Totals.CachedCalls));
        Assert.Equal(1, second.Stages.Single().CachedCalls);
        Assert.Equal(250, (double)Assert.Single(Lines())["latency_ms"]!);
    }

    [Fact]
    public async Task Record_calls_the_model_every_time_and_adds_every_call()
    {
        var model = SlowModel();
        using var cassette = Cassette.OpenOrCreate(_file);

        await RunAsync(model, cassette, CassetteMode.Record);
        var again = await RunAsync(model, cassette, CassetteMode.Record);

        Assert.Equal(2, model.Requests.Count);
        Assert.Equal(CallSource.Live, again.Stages.Single().CallRecords.Single().Source);
        Assert.Equal(2, Lines().Count);
    }

    [Fact]
    public async Task A_replay_miss_names_the_stage_and_the_request_hash_and_calls_no_model()
    {
        File.WriteAllText(_file, "");
        var model = SlowModel();
        using var cassette = Cassette.Load(_file);

        var error = await Assert.ThrowsAsync<PatternRunException>(() => RunAsync(model, cassette, CassetteMode.Replay));

        Assert.Empty(model.Requests);
        var miss = Assert.IsType<CassetteMissException>(error.InnerException);
        Assert.Equal("answer", miss.StageId);
        Assert.Matches("^[0-9a-f]{64}$", miss.RequestHash);
        Assert.Contains("stage 'answer'", error.Message, StringComparison.Ordinal);
        Assert.Contains(miss.RequestHash!, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Equal("", File.ReadAllText(_file));
    }

    [Fact]
    public async Task A_replay_that_misses_part_way_keeps_the_calls_that_were_answered_in_its_partial_record()
    {
        using (var recording = Cassette.OpenOrCreate(_file))
        {
            await RunAsync(SlowModel(), recording, CassetteMode.Record); // holds the first stage's request only
        }

        var model = SlowModel();
        using var cassette = Cassette.Load(_file);
        var error = await Assert.ThrowsAsync<PatternRunException>(() => RunAsync(model, cassette, CassetteMode.Replay, TwoPrompts));

        Assert.Empty(model.Requests);
        Assert.Equal("check", Assert.IsType<CassetteMissException>(error.InnerException).StageId);
        var answered = error.Partial.Stages.Single(s => s.Id == "answer").CallRecords.Single();
        Assert.Equal(CallSource.Replay, answered.Source);
        Assert.Equal(250, answered.LatencyMs);
        Assert.Equal("answer to why?", answered.Response);
        var missed = error.Partial.Stages.Single(s => s.Id == "check").CallRecords.Single();
        Assert.Equal(CallSource.Replay, missed.Source);
        Assert.NotNull(missed.Error);
        Assert.Equal(2, error.Partial.Totals.CachedCalls);
    }

    [Fact]
    public async Task Replay_answers_each_occurrence_of_a_repeated_request_with_its_own_recording()
    {
        var answers = new Queue<string>(["first", "second"]);
        using (var recording = Cassette.OpenOrCreate(_file))
        {
            var model = new ScriptedChatClient(_ => answers.Dequeue());
            await RunAsync(model, recording, CassetteMode.Record);
            await RunAsync(model, recording, CassetteMode.Record);
        }

        using var cassette = Cassette.Load(_file);
        var unused = SlowModel();
        var replayed = new List<string?>
        {
            (await RunAsync(unused, cassette, CassetteMode.Replay)).Output.Text,
            (await RunAsync(unused, cassette, CassetteMode.Replay)).Output.Text,
            (await RunAsync(unused, cassette, CassetteMode.Replay)).Output.Text,
        };

        Assert.Equal<string?>(["first", "second", "second"], replayed);
        Assert.Empty(unused.Requests);
    }

    [Fact]
    public async Task Another_question_or_another_setting_is_another_request()
    {
        var model = SlowModel();
        using var cassette = Cassette.OpenOrCreate(_file);

        await RunAsync(model, cassette, CassetteMode.Cache);
        await RunAsync(model, cassette, CassetteMode.Cache, question: "how?");
        await RunAsync(model, cassette, CassetteMode.Cache, OnePrompt.Replace("0.5", "0.7", StringComparison.Ordinal));
        await RunAsync(model, cassette, CassetteMode.Cache);

        Assert.Equal(3, model.Requests.Count);
        Assert.Equal(3, Lines().Select(l => (string?)l["key"]).Distinct().Count());
    }

    [Fact]
    public async Task An_entry_is_a_readable_request_with_its_answer_usage_and_latency()
    {
        using (var cassette = Cassette.OpenOrCreate(_file))
        {
            await RunAsync(SlowModel(), cassette, CassetteMode.Record);
        }

        var entry = Assert.Single(Lines());
        Assert.Equal("answer", (string?)entry["stage"]);
        Assert.Equal("scripted", (string?)entry["request"]!["provider"]);
        Assert.Equal(ModelRouter.DefaultRoute, (string?)entry["request"]!["route"]);
        Assert.Equal("scripted", (string?)entry["request"]!["model"]);
        Assert.Equal(0.5, (double)entry["request"]!["settings"]!["temperature"]!);
        Assert.Equal("why?", (string?)entry["request"]!["messages"]![0]!["text"]);
        Assert.Equal("answer to why?", (string?)entry["response"]!["text"]);
        Assert.Equal("stop", (string?)entry["response"]!["finish_reason"]);
        Assert.Equal(UsageSource.Provider, (string?)entry["usage"]!["source"]);
        Assert.Equal(1, (long)entry["usage"]!["input_tokens"]!);
        Assert.Equal(250, (double)entry["latency_ms"]!);
    }

    [Fact]
    public async Task Options_outside_the_request_such_as_credentials_never_reach_the_file()
    {
        using (var cassette = Cassette.OpenOrCreate(_file))
        {
            using var client = new ChatClientBuilder(Engines.For(SlowModel()).Router).UseCassette(cassette, CassetteMode.Record, _time).Build();
            var options = new ChatOptions { AdditionalProperties = new() { ["api_key"] = "sk-secret-123" } };
            await client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")], options);
        }

        var text = File.ReadAllText(_file);
        Assert.Contains("\"hi\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-secret-123", text, StringComparison.Ordinal);
        Assert.DoesNotContain("api_key", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Concurrent_appends_keep_every_line_whole_and_parseable()
    {
        using (var cassette = Cassette.OpenOrCreate(_file))
        {
            using var client = new ChatClientBuilder(Engines.For(new ScriptedChatClient(r => new string('x', 2000) + r.Prompt)).Router)
                .UseCassette(cassette, CassetteMode.Record, _time)
                .Build();
            await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(() => client.GetResponseAsync([new ChatMessage(ChatRole.User, $"q{i}")]))));
        }

        var lines = File.ReadAllLines(_file);
        Assert.Equal(200, lines.Length);
        Assert.All(lines, line => Assert.NotNull(JsonNode.Parse(line)));
        using var reopened = Cassette.Load(_file);
        Assert.Equal(200, reopened.Count);
    }

    [Fact]
    public async Task A_broken_line_is_an_error_naming_the_file_and_line()
    {
        using (var cassette = Cassette.OpenOrCreate(_file))
        {
            await RunAsync(SlowModel(), cassette, CassetteMode.Record);
        }

        File.AppendAllText(_file, "\n{\"key\": \"abc\", \"request\": {}, \"respo\n");

        var error = Assert.Throws<CassetteFileException>(() => Cassette.Load(_file));
        Assert.StartsWith($"{_file}:3:37: not a cassette entry: invalid JSON: Expected end of string", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void An_entry_without_a_response_is_an_error_naming_the_field()
    {
        File.WriteAllText(_file, "{\"key\": \"abc\", \"request\": {}, \"latency_ms\": 1}\n");

        var error = Assert.Throws<CassetteFileException>(() => Cassette.Load(_file));
        Assert.StartsWith($"{_file}:1:1: not a cassette entry: 'response' is missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Loading_a_cassette_that_does_not_exist_says_so()
    {
        var error = Assert.Throws<CassetteFileException>(() => Cassette.Load(_file));
        Assert.Contains(_file, error.Message, StringComparison.Ordinal);
    }

    // Issue 11, 13: cassettes were trusted blindly; totals wrapped and --json failed.
    [Theory]
    [InlineData("usage", "input_tokens", "-4", "'usage.input_tokens' must be a whole number from 0 to 100,000,000")]
    [InlineData("usage", "output_tokens", "9223372036854775807", "'usage.output_tokens' must be a whole number from 0 to 100,000,000")]
    [InlineData("usage", "input_tokens", "1.5", "'usage.input_tokens' must be a whole number from 0 to 100,000,000")]
    [InlineData(null, "latency_ms", "1e400", "'latency_ms' must be a number of milliseconds from 0 to 86,400,000")]
    [InlineData(null, "latency_ms", "-1", "'latency_ms' must be a number of milliseconds from 0 to 86,400,000")]
    [InlineData(null, "time_to_first_token_ms", "1e12", "'time_to_first_token_ms' must be a number of milliseconds from 0 to 86,400,000")]
    [InlineData(null, "stage", "7", "'stage' must be text")]
    public async Task A_figure_out_of_range_is_refused_at_its_field(string? owner, string field, string value, string message)
    {
        using (var cassette = Cassette.OpenOrCreate(_file))
        {
            await RunAsync(SlowModel(), cassette, CassetteMode.Record);
        }

        var placeholder = "\"PLACEHOLDER\"";
        var entry = Assert.Single(Lines());
        (owner is null ? entry : entry[owner]!.AsObject())[field] = "PLACEHOLDER";
        var line = entry.ToJsonString().Replace(placeholder, value, StringComparison.Ordinal);
        File.WriteAllText(_file, line + "\n");

        var error = Assert.Throws<CassetteFileException>(() => Cassette.Load(_file));

        var column = line.IndexOf($"\"{field}\"", StringComparison.Ordinal) + 1;
        Assert.Equal($"{_file}:1:{column}: not a cassette entry: {message}", error.Message);
    }
}
