using System.Diagnostics;
using Microsoft.Extensions.AI;
using PatternEngine.Execution;
using PatternEngine.Tests.Support;

namespace PatternEngine.Tests.Execution;

/// <summary>
/// Issue 11's reproducers at run time: a model's answer, or a template that loops, ends in an issue on its stage within
/// the limits, never a hung or failed run; cancellation is honoured at once.
/// </summary>
public sealed class HostileAnswerTests
{
    // Generous: each of these ran until killed at 60 s before the limits.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private static readonly string Backtracking = new string('a', 40) + "!";

    private static string OnePrompt(string fields, string template = "Q: {{ question }}") => $$"""
        name: one
        version: 1.0.0
        inputs:
          question: { type: string }
        stages:
          - id: answer
            kind: prompt
            template: "{{template}}"
        {{fields}}
        output: answer
        """;

    private static async Task<(StageRecord Stage, TimeSpan Took)> RunOneAsync(string yaml, Func<ScriptedRequest, string> answer, string question = "q")
    {
        var watch = Stopwatch.StartNew();
        var record = await Patterns.RunAsync(yaml, new ScriptedChatClient(answer), ("question", question));
        Assert.True(watch.Elapsed < Patience, watch.Elapsed.ToString());
        return (record.Stages.Single(s => s.Id == "answer"), watch.Elapsed);
    }

    // 2. A model's answer hung a run: an output schema's catastrophic pattern on 40 a's and a '!'.
    [Fact]
    public async Task An_output_schema_pattern_that_backtracks_without_end_is_an_issue()
    {
        var (stage, _) = await RunOneAsync(OnePrompt("    output_schema: { type: string, pattern: \"^(a+)+$\" }"), _ => $"\"{Backtracking}\"");

        Assert.Equal(StageValue.None, stage.Output);
        Assert.Equal("the answer could not be checked against the output schema: its regex '^(a+)+$' ran longer than 1 s", Assert.Single(stage.Issues));
    }

    // 10. A regex timeout on an answer failed the run.
    [Fact]
    public async Task An_extraction_regex_that_backtracks_without_end_is_an_issue()
    {
        var (stage, _) = await RunOneAsync(OnePrompt("    extract: { regex: \"^(a+)+$\" }"), _ => Backtracking);

        Assert.Equal(StageValue.None, stage.Output);
        Assert.Equal("the extraction regex '^(a+)+$' ran longer than 1 s on the answer", Assert.Single(stage.Issues));
    }

    [Fact]
    public async Task A_stop_when_that_backtracks_without_end_does_not_accept_and_says_so()
    {
        const string yaml = """
            name: refine
            version: 1.0.0
            inputs:
              question: { type: string }
            stages:
              - id: draft
                kind: prompt
                template: "{{ question }}"
              - id: answer
                kind: refine
                from: draft
                max_rounds: 1
                stop_when: "^(a+)+$"
                critique: { template: "critique {{ draft }}" }
                revise: { template: "revise {{ draft }}" }
            output: answer
            """;

        var (stage, _) = await RunOneAsync(yaml, r => r.Prompt.StartsWith("critique", StringComparison.Ordinal) ? Backtracking : "better");

        Assert.Equal("better", stage.Output.Text);
        Assert.Equal("stop_when ran longer than 1 s on round 1's critique; the draft was not accepted", Assert.Single(stage.Issues));
    }

    [Fact]
    public async Task A_json_path_filter_regex_that_backtracks_without_end_is_an_issue()
    {
        var (stage, _) = await RunOneAsync(OnePrompt("    extract: { json_path: \"$[?(@.a =~ /^(a+)+$/)]\" }"), _ => $$"""[{"a": "{{Backtracking}}"}]""");

        Assert.Equal(StageValue.None, stage.Output);
        Assert.Equal("a regex in the JSON path '$[?(@.a =~ /^(a+)+$/)]' ran longer than 1 s on the answer", Assert.Single(stage.Issues));
    }

    [Fact]
    public async Task A_tool_call_line_is_not_looked_for_past_the_regex_limit()
    {
        var yaml = OnePrompt("    tools: [math.evaluate]\n    max_tool_rounds: 1");
        var compiled = Patterns.Compile(yaml, new ScriptedChatClient(_ => new string('\n', 200_000) + "no call"), b => b.AddPlugins(new PatternEngine.Library.PatternLibrary(Path.Combine(Patterns.RepositoryRoot(), "patterns")).Tools()));

        var watch = Stopwatch.StartNew();
        var record = await compiled.RunAsync(new Dictionary<string, string> { ["question"] = "q" });

        Assert.True(watch.Elapsed < Patience, watch.Elapsed.ToString());
        Assert.Equal("no call", record.Output.Text);
    }

    // 8. Templates without a time limit: exponential recursion ran over 60 s.
    [Fact]
    public async Task A_template_that_recurses_without_end_stops_at_the_time_limit_and_makes_no_call()
    {
        var model = new ScriptedChatClient(_ => "never");
        var yaml = OnePrompt("", "{{ func f; if $0 > 0; f($0 - 1); f($0 - 1); end; end; f 45 }}");

        var watch = Stopwatch.StartNew();
        var record = await Patterns.RunAsync(yaml, model, ("question", "q"));

        Assert.True(watch.Elapsed < Patience, watch.Elapsed.ToString());
        var stage = Assert.Single(record.Stages);
        Assert.Empty(model.Requests);
        Assert.Equal("the template could not be rendered: it ran longer than 2 s; no call was made", Assert.Single(stage.Issues));
    }

    [Fact]
    public async Task Cancelling_a_run_stops_a_template_that_recurses_without_end_at_once()
    {
        var yaml = OnePrompt("", "{{ func f; if $0 > 0; f($0 - 1); f($0 - 1); end; end; f 45 }}");
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        // Ignoring the cancellation would finish the run after the 2 s limit with an issue instead of this.
        var error = await Assert.ThrowsAsync<PatternRunException>(
            () => Patterns.Compile(yaml, new ScriptedChatClient(_ => "never")).RunAsync(new Dictionary<string, string> { ["question"] = "q" }, cancellationToken: cancel.Token));

        Assert.Equal("cancelled before it finished", Assert.Single(Assert.Single(error.Partial.Stages).Issues));
    }

    [Fact]
    public async Task A_when_that_recurses_without_end_skips_its_stage_with_an_issue()
    {
        var model = new ScriptedChatClient(_ => "never");
        var yaml = OnePrompt("    when: \"func f; if $0 > 0; f($0 - 1); f($0 - 1); end; end; f 45; true\"");

        var record = await Patterns.RunAsync(yaml, model, ("question", "q"));

        var stage = Assert.Single(record.Stages);
        Assert.True(stage.Skipped);
        Assert.Empty(model.Requests);
        Assert.Equal("its when expression could not be evaluated (it ran longer than 2 s); the stage was skipped", Assert.Single(stage.Issues));
    }

    [Fact]
    public async Task Cancelling_a_run_stops_a_when_that_recurses_without_end_at_once()
    {
        var yaml = OnePrompt("    when: \"func f; if $0 > 0; f($0 - 1); f($0 - 1); end; end; f 45; true\"");
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        // Ignoring the cancellation would finish the run after the 2 s limit with an issue instead of this.
        var error = await Assert.ThrowsAsync<PatternRunException>(
            () => Patterns.Compile(yaml, new ScriptedChatClient(_ => "never")).RunAsync(new Dictionary<string, string> { ["question"] = "q" }, cancellationToken: cancel.Token));

        Assert.Equal("cancelled before it finished", Assert.Single(Assert.Single(error.Partial.Stages).Issues));
    }

    [Fact]
    public async Task A_regex_in_a_when_stops_at_one_second_as_everywhere()
    {
        var yaml = OnePrompt($"    when: \"'{Backtracking}' | regex.match '^(a+)+$'\"");

        var watch = Stopwatch.StartNew();
        var record = await Patterns.RunAsync(yaml, new ScriptedChatClient(_ => "never"), ("question", "q"));

        // Scriban's own default was 10 s.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(8), watch.Elapsed.ToString());
        var stage = Assert.Single(record.Stages);
        Assert.True(stage.Skipped);
        Assert.Contains("Regex", Assert.Single(stage.Issues), StringComparison.OrdinalIgnoreCase);
    }

    // 9. A prompt over 1 MiB was cut to 1,048,576 characters plus "..." and the messages after it vanished.
    [Fact]
    public async Task A_prompt_over_the_limit_is_refused_whole_and_makes_no_call()
    {
        var model = new ScriptedChatClient(_ => "never");
        var yaml = OnePrompt("", "{{ question }}{{ role 'assistant' }}later");

        var record = await Patterns.RunAsync(yaml, model, ("question", new string('x', InputLimits.MaxPromptChars)));

        Assert.Empty(model.Requests);
        Assert.Equal("the prompt is longer than 1,048,576 characters (the prompt limit); it is not cut short; no call was made", Assert.Single(Assert.Single(record.Stages).Issues));
    }

    [Fact]
    public async Task A_large_prompt_within_the_limit_keeps_every_message()
    {
        var model = new ScriptedChatClient(_ => "fine");
        var yaml = OnePrompt("", "{{ question }}{{ role 'assistant' }}later");

        await Patterns.RunAsync(yaml, model, ("question", new string('x', InputLimits.MaxPromptChars - 10)));

        var request = Assert.Single(model.Requests);
        Assert.Equal(InputLimits.MaxPromptChars - 10, request.Messages[0].Text.Length);
        Assert.Equal((ChatRole.Assistant, "later"), (request.Messages[^1].Role, request.Messages[^1].Text));
    }

    [Fact]
    public async Task A_list_answer_longer_than_the_limit_is_not_mapped_call_by_call()
    {
        const string yaml = """
            name: outline
            version: 1.0.0
            inputs:
              question: { type: string }
            stages:
              - id: outline
                kind: prompt
                template: "{{ question }}"
                output_schema: { type: array }
              - id: points
                kind: map
                over: outline
                body: { template: "expand {{ item }}" }
              - id: best
                kind: tournament
                candidates: outline
                judge: { template: "{{ a }} or {{ b }}" }
            output: points
            """;
        var model = new ScriptedChatClient(_ => "[" + string.Join(",", Enumerable.Range(0, 1_001)) + "]");

        var record = await Patterns.RunAsync(yaml, model, ("question", "q"));

        Assert.Single(model.Requests);
        Assert.Equal("'outline' has 1,001 items; a map runs over at most 1,000, so no call was made", Assert.Single(record.Stages.Single(s => s.Id == "points").Issues));
        Assert.Equal("there are 1,001 candidates; a tournament ranks at most 1,000, so no call was made", Assert.Single(record.Stages.Single(s => s.Id == "best").Issues));
    }

    // 13. Totals wrapped: figures a provider claims cannot make a total overflow or go negative.
    [Fact]
    public async Task Token_counts_past_what_one_call_can_hold_are_clamped_and_totals_do_not_wrap()
    {
        var model = new UsageClaimingClient(long.MaxValue, -4);
        var yaml = OnePrompt("").Replace("kind: prompt", "kind: fan_out\n    count: 3\n    body: { template: x }", StringComparison.Ordinal)
            .Replace("    template: \"Q: {{ question }}\"\n", "", StringComparison.Ordinal);

        var record = await Engines.For(model).Compile(Patterns.Parse(yaml)).RunAsync(new Dictionary<string, string> { ["question"] = "q" });

        Assert.Equal(3 * InputLimits.MaxTokensPerCall, record.Totals.InputTokens);
        Assert.Equal(0, record.Totals.OutputTokens);
    }

    [Fact]
    public void Sums_saturate_instead_of_wrapping()
    {
        Assert.Equal(long.MaxValue, Saturating.Add(long.MaxValue, 1));
        Assert.Equal(long.MinValue, Saturating.Add(long.MinValue, -1));
        Assert.Equal(7, Saturating.Add(3, 4));
        Assert.Equal(decimal.MaxValue, Saturating.Add(decimal.MaxValue, 1m));
    }

    private sealed class UsageClaimingClient(long input, long output) : DelegatingChatClient(new ScriptedChatClient(_ => "ok"))
    {
        public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            var response = await base.GetResponseAsync(messages, options, cancellationToken);
            response.Usage = new UsageDetails { InputTokenCount = input, OutputTokenCount = output };
            return response;
        }
    }
}
