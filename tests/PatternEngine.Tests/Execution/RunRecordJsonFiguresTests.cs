using PatternEngine.Execution;

namespace PatternEngine.Tests.Execution;

public sealed class RunRecordJsonFiguresTests
{
    private static readonly StageRecord Stage = new()
    {
        Id = "answer",
        Kind = "prompt",
        Model = "m",
        Calls = 1,
        Output = StageValue.Of("the answer"),
        CallRecords =
        [
            new CallRecord
            {
                Stage = "answer", Route = "default", Model = "m", UsageSource = "provider", InputTokens = 3, OutputTokens = 2,
                Attempt = 2, Source = "replay", Messages = [new SentMessage("user", "a secret prompt")], Response = "the answer",
            },
        ],
    };

    [Fact]
    public void A_stage_without_content_keeps_every_figure_and_drops_the_text()
    {
        var json = RunRecordJson.StageToJson(Stage, content: false);

        Assert.False(json.ContainsKey("output"));
        var call = json["call_records"]![0]!.AsObject();
        Assert.False(call.ContainsKey("messages"));
        Assert.False(call.ContainsKey("response"));
        Assert.Equal((3L, 2L, 2, "replay", true), ((long)call["input_tokens"]!, (long)call["output_tokens"]!, (int)call["attempt"]!, (string)call["source"]!, (bool)call["cached"]!));
        Assert.DoesNotContain("a secret prompt", json.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_stage_with_content_is_the_stage_as_the_run_record_has_it()
    {
        var json = RunRecordJson.StageToJson(Stage);

        Assert.Equal("the answer", (string?)json["output"]);
        Assert.Equal("a secret prompt", (string?)json["call_records"]![0]!["messages"]![0]!["text"]);
    }
}
