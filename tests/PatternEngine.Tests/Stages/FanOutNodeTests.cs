using PatternEngine.Execution;
using PatternEngine.Tests.Support;

namespace PatternEngine.Tests.Stages;

public sealed class FanOutNodeTests
{
    private const string Samples = """
        name: samples
        version: 1.0.0
        inputs:
          question: { type: string }
        stages:
          - id: samples
            kind: fan_out
            count: 4
            body:
              template: "sample {{ index }}: {{ question }}"
              temperature: 0.8
              extract: { regex: "answer: (\\w+)" }
        output: samples
        """;

    [Fact]
    public async Task The_value_is_the_list_of_answers_in_sample_order()
    {
        var model = new ScriptedChatClient(async (request, ct) =>
        {
            var index = int.Parse(request.Prompt.Split(' ', ':')[1], System.Globalization.CultureInfo.InvariantCulture);
            await Task.Yield();
            return $"answer: s{index}";
        });

        var record = await Patterns.RunAsync(Samples, model, ("question", "q"));

        var stage = Assert.Single(record.Stages);
        Assert.Equal("fan_out", stage.Kind);
        Assert.Equal(4, stage.Calls);
        Assert.Equal<string?>(["s0", "s1", "s2", "s3"], stage.Output.Items!.Value);
        Assert.Equal(4, (int)stage.Details!["samples"]!);
        Assert.Equal(4, (int)stage.Details!["parsed"]!);
    }

    [Fact]
    public async Task Every_sample_binds_its_index_and_gets_its_own_seed()
    {
        var model = new ScriptedChatClient(request => "answer: x");

        await Patterns.RunAsync(Samples, model, ("question", "q"));

        var requests = model.Requests.OrderBy(r => r.Prompt, StringComparer.Ordinal).ToList();
        Assert.Equal(["sample 0: q", "sample 1: q", "sample 2: q", "sample 3: q"], requests.Select(r => r.Prompt));
        Assert.Equal(4, requests.Select(r => r.Options?.Seed).Distinct().Count());
        Assert.All(requests, r => Assert.Equal(0.8f, r.Options?.Temperature));
    }

    [Fact]
    public async Task A_sample_that_cannot_be_parsed_is_an_empty_item_and_an_issue()
    {
        var model = new ScriptedChatClient(request => request.Prompt.StartsWith("sample 2", StringComparison.Ordinal) ? "I refuse" : "answer: yes");

        var record = await Patterns.RunAsync(Samples, model, ("question", "q"));

        var stage = Assert.Single(record.Stages);
        Assert.Equal<string?>(["yes", "yes", null, "yes"], stage.Output.Items!.Value);
        Assert.Single(stage.Issues);
        Assert.Equal(3, (int)stage.Details!["parsed"]!);
    }

    [Fact]
    public async Task A_sample_whose_value_is_a_list_is_not_silently_lost()
    {
        const string yaml = """
            name: tags
            version: 1.0.0
            inputs:
              question: { type: string }
            stages:
              - id: tags
                kind: fan_out
                count: 2
                body:
                  template: "tags for {{ question }}"
                  extract: { json_path: "$.tags" }
            output: tags
            """;
        var model = new ScriptedChatClient(request => """{"tags": ["a", "b"]}""");

        var record = await Patterns.RunAsync(yaml, model, ("question", "q"));

        var stage = Assert.Single(record.Stages);
        Assert.True(
            stage.Output.Items!.Value.All(i => i is not null) || !stage.Issues.IsEmpty,
            "both samples were parsed, yet the items are null and the stage reports no issue");
    }

    [Fact]
    public async Task A_failing_sample_cancels_its_sibling_samples()
    {
        const string yaml = """
            name: one-fails
            version: 1.0.0
            inputs:
              question: { type: string }
            stages:
              - id: samples
                kind: fan_out
                count: 2
                body:
                  template: "{{ index }}"
            output: samples
            """;
        var siblingCompleted = false;
        var model = new ScriptedChatClient(async (request, ct) =>
        {
            if (request.Prompt == "0")
            {
                await Task.Yield();
                throw new InvalidOperationException("sample 0 failed");
            }

            // The sibling may be cancelled while it waits, or before it starts at all; either way it never answers.
            await Task.Delay(TimeSpan.FromSeconds(3), ct);
            siblingCompleted = true;
            return "late";
        });

        var error = await Assert.ThrowsAsync<PatternRunException>(() => Patterns.RunAsync(yaml, model, ("question", "q")));

        Assert.Contains("sample 0 failed", error.Message, StringComparison.Ordinal);
        Assert.False(siblingCompleted, "the sibling sample ran to completion after sample 0 had failed");
    }
}
