using PatternEngine.Bench.Golden;

namespace PatternEngine.Tests.Conversations;

public sealed class GoldenTurnsTests
{
    [Fact]
    public void A_case_with_turns_is_a_conversation_whose_turns_say_what_they_expect()
    {
        var set = GoldenFile.Parse("""{"id": "talk", "inputs": {"persona": "a guide"}, "turns": [{"user": "My dog is Rex."}, {"user": "My dog?", "expected": "Rex"}]}""", "g.jsonl");

        var conversation = Assert.Single(set.Cases);
        Assert.Equal(["My dog is Rex.", "My dog?"], conversation.Turns.Select(t => t.User));
        Assert.Equal([null, "Rex"], conversation.Turns.Select(t => t.Expected));
        Assert.Equal("a guide", conversation.Inputs["persona"]);
        Assert.Null(conversation.Expected);
    }

    [Theory]
    [InlineData("""{"id": "t", "turns": []}""", "g.jsonl:1:13: 'turns' must be a non-empty list")]
    [InlineData("""{"id": "t", "turns": [{"user": "a"}, {"role": "system"}]}""", "g.jsonl:1:13: turn 1: unknown field 'role'")]
    [InlineData("""{"id": "t", "expected": "x", "turns": [{"user": "a"}]}""", "g.jsonl:1:13: 'expected' has no use in a case with 'turns'")]
    public void A_malformed_conversation_case_is_reported_at_its_field(string line, string expected)
    {
        var error = Assert.Throws<GoldenFileException>(() => GoldenFile.Parse(line, "g.jsonl"));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
