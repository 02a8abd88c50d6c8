using PatternEngine.Budgets;
using PatternEngine.Definitions;
using PatternEngine.Execution;
using PatternEngine.Models.Catalog;
using PatternEngine.Tests.Support;

namespace PatternEngine.Tests.Budgets;

public sealed class RunBudgetTests
{
    // Every primitive that makes calls concurrently or in a loop: eight samples, a map over their answers, a refine
    // loop that never accepts, each answer of several words.
    private const string Spender = """
        name: spender
        version: 1.0.0
        inputs:
          question: { type: string }
        stages:
          - id: samples
            kind: fan_out
            count: 8
            body: { template: "Answer {{ question }} number {{ index }}", max_tokens: 20 }
          - id: each
            kind: map
            over: samples
            body: { template: "Shorten {{ item }}", max_tokens: 20 }
          - id: joined
            kind: reduce
            from: each
            method: join
          - id: better
            kind: refine
            from: joined
            max_rounds: 6
            stop_when: "ACCEPT"
            critique: { template: "Critique {{ joined }}", max_tokens: 20 }
            revise: { template: "Revise {{ joined }} after {{ critique }}", max_tokens: 20 }
        output: better
        """;

    private static ScriptedChatClient Model(string modelId = "scripted") =>
        new(async (request, token) =>
        {
            // Answers finish in a scrambled order, so that reservations and settlements interleave.
            await Task.Delay(request.Number * 7 % 5, token);
            return "a reply of exactly six words";
        }) { ModelId = modelId };

    [Theory]
    [InlineData(150)]
    [InlineData(400)]
    [InlineData(900)]
    [InlineData(700)]
    public async Task Concurrent_samples_maps_and_refine_rounds_never_spend_more_tokens_than_the_budget(long maxTokens)
    {
        var pattern = Patterns.Compile(Spender, Model());

        var stopped = await Assert.ThrowsAsync<PatternRunException>(() =>
            pattern.RunAsync(new Dictionary<string, string> { ["question"] = "q" }, new RunOptions { Budget = new RunBudget { MaxTokens = maxTokens } }));

        var spent = stopped.Partial.Totals.InputTokens + stopped.Partial.Totals.OutputTokens;
        Assert.InRange(spent, 1, maxTokens);
        Assert.Equal(PatternEngineErrorKind.BudgetExceeded, stopped.Kind);
        Assert.Equal(RunStatus.BudgetExceeded, stopped.Partial.Status);
        Assert.NotNull(stopped.Partial.StoppedAt);
        Assert.Contains(stopped.Partial.Stages, s => s.Issues.Any(i => i.Contains("budget", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_call_budget_stops_the_fan_out_at_that_many_calls_and_names_the_sample_that_was_refused()
    {
        var model = Model();
        var pattern = Patterns.Compile(Spender, model);

        var stopped = await Assert.ThrowsAsync<PatternRunException>(() =>
            pattern.RunAsync(new Dictionary<string, string> { ["question"] = "q" }, new RunOptions { Budget = new RunBudget { MaxCalls = 5 } }));

        Assert.Equal(5, stopped.Partial.Totals.Calls);
        Assert.Equal(5, model.Requests.Count);
        Assert.StartsWith("samples", stopped.Partial.StoppedAt, StringComparison.Ordinal);
        Assert.Contains("5 calls", stopped.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cost_budget_is_kept_at_the_catalog_price_of_the_model_that_answers()
    {
        var catalog = ModelCatalog.Parse("""
            models:
              - { id: pricey, input_per_million: 1000, output_per_million: 4000 }
            """);
        var pattern = Patterns.Compile(Spender, Model("pricey"), b => b.WithCatalog(catalog));

        var stopped = await Assert.ThrowsAsync<PatternRunException>(() =>
            pattern.RunAsync(new Dictionary<string, string> { ["question"] = "q" }, new RunOptions { Budget = new RunBudget { MaxCostUsd = 1.5m } }));

        Assert.Equal(RunStatus.BudgetExceeded, stopped.Partial.Status);
        Assert.InRange(stopped.Partial.Totals.CostUsd, 0.001m, 1.5m);
        Assert.Equal(0, stopped.Partial.Totals.UnpricedCalls);
    }

    [Fact]
    public async Task The_stricter_of_the_files_budget_and_the_runs_wins()
    {
        var yaml = Spender.Replace("stages:", "budget: { max_calls: 3 }\nstages:", StringComparison.Ordinal);
        var pattern = Patterns.Compile(yaml, Model());

        var byFile = await Assert.ThrowsAsync<PatternRunException>(() =>
            pattern.RunAsync(new Dictionary<string, string> { ["question"] = "q" }, new RunOptions { Budget = new RunBudget { MaxCalls = 10 } }));
        var byRun = await Assert.ThrowsAsync<PatternRunException>(() =>
            pattern.RunAsync(new Dictionary<string, string> { ["question"] = "q" }, new RunOptions { Budget = new RunBudget { MaxCalls = 2 } }));

        Assert.Equal(3, byFile.Partial.Totals.Calls);
        Assert.Equal(2, byRun.Partial.Totals.Calls);
    }

    [Fact]
    public async Task A_run_within_its_budget_finishes_as_if_it_had_none()
    {
        var pattern = Patterns.Compile(OneCallYaml, Model());

        var record = await pattern.RunAsync(new Dictionary<string, string>(), new RunOptions { Budget = new RunBudget { MaxTokens = 10_000, MaxCalls = 1 } });

        Assert.Equal(RunStatus.Finished, record.Status);
        Assert.Null(record.StoppedAt);
        Assert.Equal(1, record.Totals.Calls);
    }

    [Fact]
    public void A_budget_in_the_file_is_read_and_a_bad_one_is_located()
    {
        var definition = Patterns.Parse(OneCallYaml.Replace("stages:", "budget: { max_tokens: 500, max_cost_usd: 0.25, max_calls: 4 }\nstages:", StringComparison.Ordinal));
        var diagnostics = Patterns.Diagnose(OneCallYaml.Replace("stages:", "budget: { max_tokens: 0 }\nstages:", StringComparison.Ordinal));

        Assert.Equal(new RunBudget { MaxTokens = 500, MaxCostUsd = 0.25m, MaxCalls = 4 }, definition.Budget);
        Assert.Contains(diagnostics, d => d.ToString().StartsWith("test.yaml:3:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_call_that_would_not_fit_reaches_no_model()
    {
        var model = Model();
        var pattern = Patterns.Compile(OneCallYaml, model);

        // The prompt alone is bounded at more than 10 tokens, before its max_tokens.
        var stopped = await Assert.ThrowsAsync<PatternRunException>(() =>
            pattern.RunAsync(new Dictionary<string, string>(), new RunOptions { Budget = new RunBudget { MaxTokens = 10 } }));

        Assert.Empty(model.Requests);
        Assert.Equal("answer", stopped.Partial.StoppedAt);
        Assert.Equal(0, stopped.Partial.Totals.Calls);
        Assert.IsType<BudgetExceededException>(FindCause<BudgetExceededException>(stopped));
    }

    private const string OneCallYaml = """
        name: one
        version: 1.0.0
        stages:
          - { id: answer, kind: prompt, template: "Capital of France?", max_tokens: 16 }
        output: answer
        """;

    private static T? FindCause<T>(Exception error)
        where T : Exception
    {
        for (Exception? cause = error; cause is not null; cause = cause.InnerException)
        {
            if (cause is T found)
            {
                return found;
            }
        }

        return null;
    }
}
