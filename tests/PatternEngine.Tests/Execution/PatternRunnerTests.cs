using System.Diagnostics;
using PatternEngine.Compilation;
using PatternEngine.Execution;
using PatternEngine.Models.Routing;
using PatternEngine.Tests.Support;

namespace PatternEngine.Tests.Execution;

/// <summary>Runs alone, after the parallel tests, so that its one wall-clock ratio is not skewed by other tests.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RunnerTimingGroup
{
    public const string Name = "runner timing";
}

[Collection(RunnerTimingGroup.Name)]
public sealed class PatternRunnerTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(3);

    private const string DraftThenPolish = """
        name: draft-then-polish
        version: 1.0.0
        inputs:
          question: { type: string }
        stages:
          - id: polish
            kind: prompt
            template: "Polish this: {{ draft }}"
          - id: draft
            kind: prompt
            template: "Draft an answer to {{ question }}"
        output: polish
        """;

    private const string TwoIndependentStages = """
        name: two-independent
        version: 1.0.0
        inputs:
          question: { type: string }
        stages:
          - id: left
            kind: prompt
            template: "left {{ question }}"
          - id: right
            kind: prompt
            template: "right {{ question }}"
          - id: both
            kind: prompt
            template: "combine {{ left }} and {{ right }}"
        output: both
        """;

    private const string OneCall = """
        name: one-call
        version: 1.0.0
        inputs:
          question: { type: string }
        stages:
          - id: answer
            kind: prompt
            template: "{{ question }}"
        output: answer
        """;

    private const string FiveSamples = """
        name: five-samples
        version: 1.0.0
        inputs:
          question: { type: string }
        stages:
          - id: samples
            kind: fan_out
            count: 5
            body:
              template: "sample {{ index }} of {{ question }}"
              temperature: 0.8
        output: samples
        """;

    private const string Measured = """
        name: measured
        version: 1.0.0
        inputs:
          question: { type: string }
        stages:
          - id: draft
            kind: prompt
            system: "Be brief."
            template: "Answer {{ question }}"
          - id: samples
            kind: fan_out
            count: 3
            body:
              template: "Sample {{ index }} for {{ draft }}"
          - id: vote
            kind: reduce
            from: samples
            method: vote
        output: vote
        """;

    private const string SeededSamples = """
        name: seeded
        version: 1.0.0
        inputs:
          question: { type: string }
        stages:
          - id: first
            kind: prompt
            template: "first {{ question }}"
          - id: samples
            kind: fan_out
            count: 4
            body:
              template: "sample {{ index }}"
              temperature: 1
        output: samples
        """;

    [Fact]
    public async Task A_stage_that_reads_another_gets_its_value_in_its_prompt()
    {
        var model = new ScriptedChatClient(request => request.Prompt.StartsWith("Draft", StringComparison.Ordinal)
            ? "Paris is the capital"
            : "polished: " + request.Prompt);

        var record = await Patterns.RunAsync(DraftThenPolish, model, ("question", "the capital of France"));

        var requests = model.Requests.OrderBy(r => r.Number).ToList();
        Assert.Equal(2, requests.Count);
        Assert.Equal("Draft an answer to the capital of France", requests[0].Prompt);
        Assert.Equal("Polish this: Paris is the capital", requests[1].Prompt);
        Assert.Equal("polished: Polish this: Paris is the capital", record.Output.Text);
    }

    [Fact]
    public async Task Stages_are_recorded_in_file_order_even_when_they_run_in_dependency_order()
    {
        var model = new ScriptedChatClient(request => "ok");

        var record = await Patterns.RunAsync(DraftThenPolish, model, ("question", "q"));

        Assert.Equal(["polish", "draft"], record.Stages.Select(s => s.Id));
    }

    [Fact]
    public async Task Independent_stages_run_concurrently()
    {
        var bothStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = 0;
        var model = new ScriptedChatClient(async (request, ct) =>
        {
            if (request.Prompt.StartsWith("combine", StringComparison.Ordinal))
            {
                return "combined";
            }

            if (Interlocked.Increment(ref started) == 2)
            {
                bothStarted.TrySetResult();
            }

            // A runner that waits for one stage before starting the other times out here instead of hanging.
            await bothStarted.Task.WaitAsync(Patience, ct);
            return request.Prompt.Split(' ')[0];
        });

        var record = await Patterns.RunAsync(TwoIndependentStages, model, ("question", "q"));

        Assert.Equal("combined", record.Output.Text);
        Assert.Equal(3, model.Requests.Count);
        Assert.Equal("combine left and right", model.Requests.Single(r => r.Prompt.StartsWith("combine", StringComparison.Ordinal)).Prompt);
    }

    [Fact]
    public async Task Five_samples_take_well_under_five_times_one_call()
    {
        var model = new ScriptedChatClient(async (request, ct) =>
        {
            await Task.Delay(200, ct);
            return "answer";
        });
        var single = Patterns.Compile(OneCall, model);
        var fanOut = Patterns.Compile(FiveSamples, model);
        var inputs = new Dictionary<string, string> { ["question"] = "q" };
        await single.RunAsync(inputs); // warm up both paths so JIT time does not count
        await fanOut.RunAsync(inputs);

        // The best of two runs each, so one stall of the machine does not decide the ratio.
        async Task<TimeSpan> FastestAsync(CompiledPattern pattern)
        {
            var fastest = TimeSpan.MaxValue;
            for (var run = 0; run < 2; run++)
            {
                var clock = Stopwatch.StartNew();
                var record = await pattern.RunAsync(inputs);
                fastest = clock.Elapsed < fastest ? clock.Elapsed : fastest;
                Assert.Equal(pattern == fanOut ? 5 : 1, record.Totals.Calls);
            }

            return fastest;
        }

        var oneCall = await FastestAsync(single);
        var fiveCalls = await FastestAsync(fanOut);

        var ratio = fiveCalls / oneCall;
        Assert.True(ratio < 2.5, $"5 samples took {fiveCalls.TotalMilliseconds:F0} ms, one call {oneCall.TotalMilliseconds:F0} ms (ratio {ratio:F2})");
    }

    [Fact]
    public async Task Stage_counts_are_sums_over_their_calls_and_totals_are_sums_over_stages()
    {
        var model = new ScriptedChatClient(request => request.Prompt.StartsWith("Answer", StringComparison.Ordinal)
            ? "a short draft"
            : "sample answer number " + request.Number);

        var record = await Patterns.RunAsync(Measured, model, ("question", "why is the sky blue"));

        Assert.Equal(3, record.Stages.Length);
        foreach (var stage in record.Stages)
        {
            Assert.Equal(stage.CallRecords.Length, stage.Calls);
            Assert.Equal(stage.CallRecords.Sum(c => c.InputTokens), stage.InputTokens);
            Assert.Equal(stage.CallRecords.Sum(c => c.OutputTokens), stage.OutputTokens);
        }

        Assert.Equal([1, 3, 0], record.Stages.Select(s => s.Calls));
        Assert.Equal(record.Stages.Sum(s => s.Calls), record.Totals.Calls);
        Assert.Equal(record.Stages.Sum(s => s.InputTokens), record.Totals.InputTokens);
        Assert.Equal(record.Stages.Sum(s => s.OutputTokens), record.Totals.OutputTokens);
        Assert.Equal(4, record.Totals.Calls);

        // The scripted model counts words: "Be brief." (2) + "Answer why is the sky blue" (6) in, "a short draft" (3) out.
        var draft = record.Stages[0];
        Assert.Equal(8, draft.InputTokens);
        Assert.Equal(3, draft.OutputTokens);
        Assert.Equal(model.Requests.Sum(r => r.Messages.Sum(m => ScriptedChatClient.Words(m.Text))), record.Totals.InputTokens);
    }

    [Fact]
    public async Task Call_records_carry_the_messages_sent_and_the_response()
    {
        var model = new ScriptedChatClient(request => request.Prompt.StartsWith("Answer", StringComparison.Ordinal)
            ? "a short draft"
            : "sample " + request.Prompt.Split(' ')[1]);

        var record = await Patterns.RunAsync(Measured, model, ("question", "why is the sky blue"));

        var call = Assert.Single(record.Stages[0].CallRecords);
        Assert.Equal<SentMessage>([new SentMessage("system", "Be brief."), new SentMessage("user", "Answer why is the sky blue")], call.Messages);
        Assert.Equal("a short draft", call.Response);
        Assert.Equal("draft", call.Stage);
        Assert.Equal("scripted", call.Model);
        Assert.Equal("provider", call.UsageSource);
        Assert.Equal("stop", call.FinishReason);
        Assert.Null(call.Error);

        var samples = record.Stages[1].CallRecords;
        Assert.Equal(3, samples.Length);
        Assert.All(samples, c => Assert.Equal("samples", c.Stage));
        Assert.Equal(
            ["Sample 0 for a short draft", "Sample 1 for a short draft", "Sample 2 for a short draft"],
            samples.Select(c => Assert.Single(c.Messages).Text).Order(StringComparer.Ordinal));
        Assert.All(samples, c => Assert.Equal("sample " + c.Messages[0].Text.Split(' ')[1], c.Response));
    }

    [Fact]
    public async Task The_same_seed_gives_the_same_call_seeds_and_another_seed_gives_others()
    {
        var model = new ScriptedChatClient(request => "x");
        var pattern = Patterns.Compile(SeededSamples, model);
        var inputs = new Dictionary<string, string> { ["question"] = "q" };

        async Task<Dictionary<string, long?>> SeedsOf(int seed)
        {
            model.Requests.Clear();
            await pattern.RunAsync(inputs, new RunOptions { Seed = seed });
            return model.Requests.ToDictionary(r => r.Prompt, r => r.Options?.Seed);
        }

        var first = await SeedsOf(7);
        var again = await SeedsOf(7);
        var other = await SeedsOf(8);

        Assert.Equal(5, first.Count);
        Assert.All(first.Values, seed => Assert.NotNull(seed));
        Assert.Equal(first.OrderBy(p => p.Key, StringComparer.Ordinal), again.OrderBy(p => p.Key, StringComparer.Ordinal));
        Assert.All(first, p => Assert.NotEqual(p.Value, other[p.Key]));

        var sampleSeeds = first.Where(p => p.Key.StartsWith("sample", StringComparison.Ordinal)).Select(p => p.Value).ToList();
        Assert.Equal(4, sampleSeeds.Count);
        Assert.Equal(4, sampleSeeds.Distinct().Count());
    }

    [Fact]
    public async Task The_run_seed_is_kept_in_the_record()
    {
        var model = new ScriptedChatClient(request => "x");

        var record = await Patterns.Compile(OneCall, model).RunAsync(new Dictionary<string, string> { ["question"] = "q" }, new RunOptions { Seed = 1234 });

        Assert.Equal(1234, record.Seed);
        Assert.Equal("one-call", record.Pattern);
        Assert.Equal("1.0.0", record.Version);
    }

    [Fact]
    public async Task A_missing_required_input_is_refused_by_name()
    {
        var model = new ScriptedChatClient(request => "x");
        var pattern = Patterns.Compile(OneCall, model);

        var error = await Assert.ThrowsAsync<PatternInputException>(() => pattern.RunAsync(new Dictionary<string, string>()));

        Assert.Contains("'question'", error.Message, StringComparison.Ordinal);
        Assert.Empty(model.Requests);
    }

    [Fact]
    public async Task An_unknown_input_is_refused_by_name()
    {
        var model = new ScriptedChatClient(request => "x");
        var pattern = Patterns.Compile(OneCall, model);

        var error = await Assert.ThrowsAsync<PatternInputException>(() =>
            pattern.RunAsync(new Dictionary<string, string> { ["question"] = "q", ["colour"] = "red" }));

        Assert.Contains("'colour'", error.Message, StringComparison.Ordinal);
        Assert.Contains("question", error.Message, StringComparison.Ordinal);
        Assert.Empty(model.Requests);
    }

    [Fact]
    public async Task A_default_is_used_when_the_input_is_not_given()
    {
        const string yaml = """
            name: with-default
            version: 1.0.0
            inputs:
              question: { type: string }
              tone: { type: string, default: calm }
            stages:
              - id: answer
                kind: prompt
                template: "{{ question }} in a {{ tone }} tone"
            output: answer
            """;
        var model = new ScriptedChatClient(request => "x");

        await Patterns.RunAsync(yaml, model, ("question", "Explain"));
        await Patterns.RunAsync(yaml, model, ("question", "Explain"), ("tone", "lively"));

        Assert.Equal(["Explain in a calm tone", "Explain in a lively tone"], model.Requests.OrderBy(r => r.Number).Select(r => r.Prompt));
    }

    [Fact]
    public async Task A_failing_provider_keeps_every_stage_that_started_and_names_the_failing_stage()
    {
        const string yaml = """
            name: fails-late
            version: 1.0.0
            inputs:
              question: { type: string }
            stages:
              - id: draft
                kind: prompt
                template: "draft {{ question }}"
              - id: check
                kind: prompt
                template: "check {{ draft }}"
              - id: final
                kind: prompt
                template: "final {{ check }}"
            output: final
            """;
        var model = new ScriptedChatClient(request => request.Prompt.StartsWith("check", StringComparison.Ordinal)
            ? throw new InvalidOperationException("the provider is down")
            : "fine draft");

        var error = await Assert.ThrowsAsync<PatternRunException>(() => Patterns.RunAsync(yaml, model, ("question", "q")));

        Assert.Contains("'check'", error.Message, StringComparison.Ordinal);
        Assert.Contains("the provider is down", error.Message, StringComparison.Ordinal);
        Assert.IsType<InvalidOperationException>(error.InnerException);
        Assert.Equal(["draft", "check"], error.Partial.Stages.Select(s => s.Id));
        var draft = error.Partial.Stages[0];
        Assert.Equal("fine draft", draft.Output.Text);
        Assert.Equal("fine draft", Assert.Single(draft.CallRecords).Response);
        var check = error.Partial.Stages[1];
        Assert.Null(check.Output.Text);
        Assert.Equal("failed: the provider is down", Assert.Single(check.Issues));
        Assert.Equal("the provider is down", Assert.Single(check.CallRecords).Error);
        Assert.Equal(2, error.Partial.Totals.Calls);
        Assert.Equal(draft.InputTokens, error.Partial.Totals.InputTokens);
        Assert.Null(error.Partial.Output.Text);
        Assert.DoesNotContain(model.Requests, r => r.Prompt.StartsWith("final", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_failing_stage_cancels_an_independent_stage_still_running()
    {
        const string yaml = """
            name: fails-beside
            version: 1.0.0
            inputs:
              question: { type: string }
            stages:
              - id: slow
                kind: prompt
                template: "slow {{ question }}"
              - id: broken
                kind: prompt
                template: "broken {{ question }}"
            output: slow
            """;
        var slowStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var slowCancelled = false;
        var model = new ScriptedChatClient(async (request, ct) =>
        {
            if (request.Prompt.StartsWith("slow", StringComparison.Ordinal))
            {
                slowStarted.TrySetResult();
                try
                {
                    await Task.Delay(Patience, ct);
                }
                catch (OperationCanceledException)
                {
                    slowCancelled = true;
                    throw;
                }

                return "too late";
            }

            await slowStarted.Task.WaitAsync(Patience, ct);
            throw new InvalidOperationException("broken provider");
        });

        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<PatternRunException>(() => Patterns.RunAsync(yaml, model, ("question", "q")));

        Assert.True(clock.Elapsed < Patience, "the slow stage was not cancelled");
        Assert.True(slowCancelled);
        Assert.Contains("'broken'", error.Message, StringComparison.Ordinal);
        Assert.Equal(["slow", "broken"], error.Partial.Stages.Select(s => s.Id));
        Assert.Equal("cancelled before it finished", Assert.Single(error.Partial.Stages[0].Issues));
        Assert.Equal("failed: broken provider", Assert.Single(error.Partial.Stages[1].Issues));
    }

    [Fact]
    public async Task Cancelling_the_token_mid_run_throws_a_run_exception_that_says_so()
    {
        const string yaml = """
            name: cancellable
            version: 1.0.0
            inputs:
              question: { type: string }
            stages:
              - id: draft
                kind: prompt
                template: "draft {{ question }}"
              - id: wait
                kind: prompt
                template: "wait for {{ draft }}"
            output: wait
            """;
        using var cancellation = new CancellationTokenSource();
        var waiting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var model = new ScriptedChatClient(async (request, ct) =>
        {
            if (request.Prompt.StartsWith("draft", StringComparison.Ordinal))
            {
                return "done";
            }

            waiting.TrySetResult();
            await Task.Delay(Patience, ct);
            return "too late";
        });
        var pattern = Patterns.Compile(yaml, model);

        var run = pattern.RunAsync(new Dictionary<string, string> { ["question"] = "q" }, null, cancellation.Token);
        await waiting.Task.WaitAsync(Patience);
        await cancellation.CancelAsync();
        var error = await Assert.ThrowsAsync<PatternRunException>(() => run);

        Assert.Contains("cancelled", error.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<OperationCanceledException>(error.InnerException);
        Assert.Equal(["draft", "wait"], error.Partial.Stages.Select(s => s.Id));
        Assert.Equal("done", error.Partial.Stages[0].Output.Text);
        Assert.Equal("cancelled before it finished", Assert.Single(error.Partial.Stages[1].Issues));
        Assert.Equal(2, error.Partial.Totals.Calls); // the cancelled call was made, and is measured as one
    }

    [Fact]
    public async Task A_token_cancelled_before_the_run_makes_no_call()
    {
        var model = new ScriptedChatClient(request => "x");
        var pattern = Patterns.Compile(OneCall, model);

        var error = await Assert.ThrowsAsync<PatternRunException>(() =>
            pattern.RunAsync(new Dictionary<string, string> { ["question"] = "q" }, null, new CancellationToken(canceled: true)));

        Assert.Contains("cancelled", error.Message, StringComparison.Ordinal);
        Assert.Empty(error.Partial.Stages);
        Assert.Empty(model.Requests);
    }

    [Fact]
    public async Task The_logical_model_name_of_a_prompt_reaches_the_router()
    {
        const string yaml = """
            name: routed
            version: 1.0.0
            inputs:
              question: { type: string }
            stages:
              - id: draft
                kind: prompt
                template: "draft {{ question }}"
              - id: verdict
                kind: prompt
                model: judge
                template: "judge {{ draft }}"
            output: verdict
            """;
        var small = new ScriptedChatClient(request => "small answer") { ModelId = "small-model" };
        var big = new ScriptedChatClient(request => "big verdict") { ModelId = "big-model" };
        var routes = new Dictionary<string, ModelRoute>
        {
            ["default"] = new(small),
            ["judge"] = new(big),
        };

        var record = await Engines.Routed(routes).Compile(Patterns.Parse(yaml)).RunAsync(new Dictionary<string, string> { ["question"] = "q" });

        Assert.Equal("draft q", Assert.Single(small.Requests).Prompt);
        Assert.Equal("judge small answer", Assert.Single(big.Requests).Prompt);
        Assert.Equal("big verdict", record.Output.Text);

        var draftCall = Assert.Single(record.Stages[0].CallRecords);
        Assert.Equal("default", draftCall.Route);
        Assert.Equal("small-model", draftCall.Model);
        var judgeCall = Assert.Single(record.Stages[1].CallRecords);
        Assert.Equal("judge", judgeCall.Route);
        Assert.Equal("big-model", judgeCall.Model);
        Assert.Equal("small-model", record.Stages[0].Model);
        Assert.Equal("big-model", record.Stages[1].Model);
    }

    [Fact]
    public async Task A_route_asks_its_client_for_the_routes_model_id()
    {
        const string yaml = """
            name: routed
            version: 1.0.0
            inputs:
              question: { type: string }
            stages:
              - id: verdict
                kind: prompt
                model: judge
                template: "judge {{ question }}"
            output: verdict
            """;
        var fallback = new ScriptedChatClient(request => "wrong");
        var provider = new ScriptedChatClient(request => "right") { ModelId = "provider-default" };
        var routes = new Dictionary<string, ModelRoute>
        {
            ["default"] = new(fallback),
            ["judge"] = new(provider, "gpt-judge"),
        };

        var record = await Engines.Routed(routes).Compile(Patterns.Parse(yaml)).RunAsync(new Dictionary<string, string> { ["question"] = "q" });

        Assert.Empty(fallback.Requests);
        Assert.Equal("gpt-judge", Assert.Single(provider.Requests).Options?.ModelId);
        Assert.Equal("judge", Assert.Single(record.Stages[0].CallRecords).Route);
    }

    [Fact]
    public async Task A_model_name_without_a_route_goes_to_the_default_route()
    {
        const string yaml = """
            name: unrouted
            version: 1.0.0
            inputs:
              question: { type: string }
            stages:
              - id: answer
                kind: prompt
                model: nowhere
                template: "{{ question }}"
            output: answer
            """;
        var fallback = new ScriptedChatClient(request => "fallback") { ModelId = "fallback-model" };
        var routes = new Dictionary<string, ModelRoute> { ["default"] = new(fallback) };

        var record = await Engines.Routed(routes).Compile(Patterns.Parse(yaml)).RunAsync(new Dictionary<string, string> { ["question"] = "q" });

        Assert.Single(fallback.Requests);
        var call = Assert.Single(record.Stages[0].CallRecords);
        Assert.Equal("nowhere", call.Route);
        Assert.Equal("fallback-model", call.Model);
    }

    [Fact]
    public async Task A_compiled_pattern_can_run_concurrently_without_mixing_records()
    {
        var model = new ScriptedChatClient(async (request, ct) =>
        {
            await Task.Yield();
            return "echo " + request.Prompt;
        });
        var pattern = Patterns.Compile(FiveSamples, model);

        var records = await Task.WhenAll(Enumerable.Range(0, 4).Select(i =>
            pattern.RunAsync(new Dictionary<string, string> { ["question"] = "run" + i })));

        for (var i = 0; i < records.Length; i++)
        {
            var stage = Assert.Single(records[i].Stages);
            Assert.Equal(5, stage.Calls);
            Assert.All(stage.CallRecords, c => Assert.EndsWith("of run" + i, c.Messages[0].Text, StringComparison.Ordinal));
            Assert.All(stage.Output.Items!.Value, item => Assert.EndsWith("of run" + i, item, StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData("number", "many", "must be a number")]
    [InlineData("boolean", "maybe", "must be true or false")]
    public async Task A_mistyped_input_is_refused_by_name(string type, string value, string message)
    {
        var yaml = $$$"""
            name: typed
            version: 1.0.0
            inputs:
              amount: { type: {{{type}}} }
            stages:
              - id: answer
                kind: prompt
                template: "{{ amount }}"
            output: answer
            """;
        var model = new ScriptedChatClient(request => "x");

        var error = await Assert.ThrowsAsync<PatternInputException>(() => Patterns.RunAsync(yaml, model, ("amount", value)));

        Assert.Contains("'amount'", error.Message, StringComparison.Ordinal);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Empty(model.Requests);
    }

    [Fact]
    public async Task A_provider_timeout_is_reported_as_the_stages_failure_not_as_a_cancellation()
    {
        var model = new ScriptedChatClient(request => throw new TaskCanceledException("the HTTP request timed out", new TimeoutException()));

        var error = await Assert.ThrowsAsync<PatternRunException>(() => Patterns.RunAsync(OneCall, model, ("question", "q")));

        Assert.Contains("'answer'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("cancelled", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_call_record_never_names_the_logical_route_as_the_model()
    {
        var anonymous = new ScriptedChatClient(request => "verdict") { ModelId = null! };
        var routes = new Dictionary<string, ModelRoute> { ["default"] = new(anonymous) };
        const string yaml = """
            name: anonymous
            version: 1.0.0
            inputs:
              question: { type: string }
            stages:
              - id: verdict
                kind: prompt
                model: judge
                template: "{{ question }}"
            output: verdict
            """;

        var record = await Engines.Routed(routes).Compile(Patterns.Parse(yaml)).RunAsync(new Dictionary<string, string> { ["question"] = "q" });

        var call = Assert.Single(record.Stages[0].CallRecords);
        Assert.Equal("judge", call.Route);
        Assert.NotEqual("judge", call.Model);
    }

    [Fact]
    public async Task A_plain_client_is_not_asked_for_a_model_named_after_the_logical_name()
    {
        var model = new ScriptedChatClient(request => "x");

        await Patterns.RunAsync(OneCall, model, ("question", "q"));

        Assert.Null(Assert.Single(model.Requests).Options?.ModelId);
    }
}
