using PatternEngine.Bench.Conversations;
using PatternEngine.Conversations;

namespace PatternEngine.Tests.Conversations;

public sealed class ConversationScriptTests
{
    [Fact]
    public void A_script_reads_each_turn_with_its_expected_answer_and_line()
    {
        var turns = ConversationScript.Parse("{\"user\": \"My dog is Rex.\"}\n\n{\"user\": \"Dog?\", \"expected\": \"Rex\"}\r\n{\"user\": \"n\", \"expected\": 4}\n", "t.jsonl");

        Assert.Equal([new ScriptedTurn("My dog is Rex.", null) { Line = 1 }, new ScriptedTurn("Dog?", "Rex") { Line = 3 }, new ScriptedTurn("n", "4") { Line = 4 }], turns.ToArray());
    }

    [Theory]
    [InlineData("{\"user\": \"a\"", "t.jsonl:1:13: invalid JSON")]
    [InlineData("[1]", "t.jsonl:1:1: a turn must be a JSON object")]
    [InlineData("{\"user\": \"a\", \"role\": \"system\"}", "t.jsonl:1:15: unknown field 'role'; a turn has user and expected")]
    [InlineData("{\"user\": 3}", "t.jsonl:1:2: 'user' must be a string")]
    [InlineData("{\"expected\": \"x\"}", "t.jsonl:1:1: a turn needs 'user', a non-empty string")]
    [InlineData("{\"user\": \"a\", \"expected\": [1]}", "t.jsonl:1:15: 'expected' must be a string or a number")]
    [InlineData("{\"user\": \"a\", \"user\": \"b\"}", "t.jsonl:1:")]
    [InlineData("{\"user\": \"\\uD800\"}", "t.jsonl:1:1: a string holds a lone surrogate")]
    [InlineData("\n\n", "t.jsonl:1:1: the turns file has no turn")]
    public void A_malformed_line_is_reported_at_its_place(string text, string expected)
    {
        var error = Assert.Throws<ConversationException>(() => ConversationScript.Parse(text, "t.jsonl"));

        Assert.StartsWith(expected, error.Diagnostics[0].ToString(), StringComparison.Ordinal);
        Assert.Equal(PatternEngineErrorKind.InvalidInput, error.Kind);
    }

    [Fact]
    public void Every_bad_line_is_reported_and_a_script_past_the_turn_limit_is_refused()
    {
        var bad = Assert.Throws<ConversationException>(() => ConversationScript.Parse("x\n{\"user\":\"ok\"}\ny\n", "t.jsonl"));
        Assert.Equal([1, 3], bad.Diagnostics.Select(d => d.Location.Line));

        var many = string.Concat(Enumerable.Repeat("{\"user\":\"a\"}\n", ConversationScript.MaxTurns + 1));
        var tooMany = Assert.Throws<ConversationException>(() => ConversationScript.Parse(many, "t.jsonl"));
        Assert.Equal($"t.jsonl:{ConversationScript.MaxTurns + 1}:1: a script may have at most 1,000 turns", tooMany.Diagnostics[0].ToString());
    }

    [Fact]
    public void A_turn_longer_than_the_limit_is_refused()
    {
        var text = "{\"user\": \"" + new string('a', ConversationScript.MaxTurnChars + 1) + "\"}";

        var error = Assert.Throws<ConversationException>(() => ConversationScript.Parse(text, "t.jsonl"));

        Assert.Contains("'user' has 65,537 characters", error.Message, StringComparison.Ordinal);
    }
}
