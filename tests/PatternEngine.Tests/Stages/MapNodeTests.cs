using System.Collections.Concurrent;
using System.Globalization;
using PatternEngine.Tests.Support;

namespace PatternEngine.Tests.Stages;

public sealed class MapNodeTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(3);

    private const string Translate = """
        name: translate
        version: 1.0.0
        inputs:
          words: { type: list }
        stages:
          - id: translated
            kind: map
            over: words
            as: word
            body:
              template: "{{ index }}|{{ word }}"
        output: translated
        """;

    [Fact]
    public async Task Makes_one_call_per_item_binding_the_item_and_its_index()
    {
        var model = new ScriptedChatClient(request => request.Prompt.ToUpperInvariant());

        var record = await Patterns.RunAsync(Translate, model, ("words", """["one", "two", "three"]"""));

        var stage = Assert.Single(record.Stages);
        Assert.Equal("map", stage.Kind);
        Assert.Equal(3, stage.Calls);
        Assert.Equal(["0|one", "1|two", "2|three"], model.Requests.Select(r => r.Prompt).Order(StringComparer.Ordinal));
        Assert.Equal<string?>(["0|ONE", "1|TWO", "2|THREE"], stage.Output.Items!.Value);
        Assert.Equal(3, (int)stage.Details!["items"]!);
        Assert.Empty(stage.Issues);
    }

    [Fact]
    public async Task Results_keep_the_lists_order_when_calls_finish_in_reverse()
    {
        const int count = 4;
        var allStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var finished = Enumerable.Range(0, count).Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        var finishOrder = new ConcurrentQueue<int>();
        var started = 0;
        var model = new ScriptedChatClient(async (request, ct) =>
        {
            var index = int.Parse(request.Prompt.Split('|')[0], CultureInfo.InvariantCulture);
            if (Interlocked.Increment(ref started) == count)
            {
                allStarted.TrySetResult();
            }

            // Every call waits for all to start, then for the item after it: the last item finishes first.
            await allStarted.Task.WaitAsync(Patience, ct);
            if (index + 1 < count)
            {
                await finished[index + 1].Task.WaitAsync(Patience, ct);
            }

            finishOrder.Enqueue(index);
            finished[index].TrySetResult();
            return "done " + request.Prompt.Split('|')[1];
        });

        var record = await Patterns.RunAsync(Translate, model, ("words", "a\nb\nc\nd"));

        Assert.Equal([3, 2, 1, 0], finishOrder);
        var stage = Assert.Single(record.Stages);
        Assert.Equal<string?>(["done a", "done b", "done c", "done d"], stage.Output.Items!.Value);
        Assert.Equal(["done a", "done b", "done c", "done d"], stage.CallRecords.Select(c => c.Response).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Mapping_over_a_single_text_adds_an_issue_and_maps_it_as_one_item()
    {
        const string yaml = """
            name: map-text
            version: 1.0.0
            inputs:
              question: { type: string }
            stages:
              - id: single
                kind: prompt
                template: "one {{ question }}"
              - id: mapped
                kind: map
                over: single
                body:
                  template: "map {{ item }}"
            output: mapped
            """;
        var model = new ScriptedChatClient(request => request.Prompt.StartsWith("one", StringComparison.Ordinal) ? "just one" : "mapped " + request.Prompt);

        var record = await Patterns.RunAsync(yaml, model, ("question", "q"));

        var stage = record.Stages[1];
        Assert.Contains("'single' did not produce a list", Assert.Single(stage.Issues), StringComparison.Ordinal);
        Assert.Equal<string?>(["mapped map just one"], stage.Output.Items!.Value);
        Assert.Equal(1, stage.Calls);
    }

    [Fact]
    public async Task Mapping_over_an_empty_list_makes_no_call()
    {
        var model = new ScriptedChatClient(request => "x");

        var record = await Patterns.RunAsync(Translate, model, ("words", "[]"));

        var stage = Assert.Single(record.Stages);
        Assert.Equal(0, stage.Calls);
        Assert.True(stage.Output.IsList);
        Assert.Empty(stage.Output.Items!.Value);
        Assert.Empty(model.Requests);
    }

    [Fact]
    public async Task Mapping_over_a_fan_out_maps_every_sample()
    {
        const string yaml = """
            name: map-samples
            version: 1.0.0
            inputs:
              question: { type: string }
            stages:
              - id: samples
                kind: fan_out
                count: 3
                body:
                  template: "sample {{ index }}"
              - id: checked
                kind: map
                over: samples
                body:
                  template: "check {{ item }}"
            output: checked
            """;
        var model = new ScriptedChatClient(request => request.Prompt.Replace("sample", "s", StringComparison.Ordinal));

        var record = await Patterns.RunAsync(yaml, model, ("question", "q"));

        Assert.Equal<string?>(["check s 0", "check s 1", "check s 2"], record.Output.Items!.Value);
    }

    [Fact]
    public async Task An_item_whose_value_is_a_list_is_not_silently_lost()
    {
        const string yaml = """
            name: split
            version: 1.0.0
            inputs:
              words: { type: list }
            stages:
              - id: letters
                kind: map
                over: words
                body:
                  template: "letters of {{ item }}"
                  extract: { json_path: "$.letters" }
            output: letters
            """;
        var model = new ScriptedChatClient(request => """{"letters": ["a", "b"]}""");

        var record = await Patterns.RunAsync(yaml, model, ("words", "ab\nba"));

        var stage = Assert.Single(record.Stages);
        Assert.True(
            stage.Output.Items!.Value.All(i => i is not null) || !stage.Issues.IsEmpty,
            "both answers were parsed, yet the results are null and the stage reports no issue");
    }
}
