using System.Text.Json.Nodes;
using PatternEngine.Bench.Golden;
using PatternEngine.Bench.Scoring;

namespace PatternEngine.Tests.Bench.Scoring;

public sealed class AnswerScorerTests
{
    private static GoldenCase Case(string scorer, string? expected, double tolerance = 0, string? schema = null) => new()
    {
        Id = "c",
        Inputs = System.Collections.Immutable.ImmutableDictionary<string, string>.Empty,
        Expected = expected,
        Scorer = scorer,
        Tolerance = tolerance,
        Schema = schema is null ? null : JsonNode.Parse(schema),
    };

    [Theory]
    [InlineData("Paris", true)]
    [InlineData("  Paris\n", true)]
    [InlineData("paris", false)]
    [InlineData("Paris.", false)]
    [InlineData("Paris, France", false)]
    public void Exact_compares_trimmed_text_ordinally(string answer, bool right) =>
        Assert.Equal(right, AnswerScorer.Score(Case("exact", " Paris "), answer));

    [Theory]
    [InlineData("The capital is PARIS.", true)]
    [InlineData("paris", true)]
    [InlineData("Lyon", false)]
    public void Contains_ignores_case(string answer, bool right) =>
        Assert.Equal(right, AnswerScorer.Score(Case("contains", "Paris"), answer));

    [Theory]
    [InlineData("Answer: B", true)]
    [InlineData("Answer: b", false)]
    [InlineData("B", false)]
    public void Regex_matches_anywhere_in_the_answer(string answer, bool right) =>
        Assert.Equal(right, AnswerScorer.Score(Case("regex", "Answer: [A-D]"), answer));

    [Fact]
    public void Regex_anchors_make_it_match_the_whole_answer()
    {
        Assert.Equal(true, AnswerScorer.Score(Case("regex", "^[0-9]+$"), "42"));
        Assert.Equal(false, AnswerScorer.Score(Case("regex", "^[0-9]+$"), "about 42"));
    }

    [Fact]
    public void A_regex_that_runs_past_its_timeout_scores_wrong()
    {
        // Catastrophic backtracking: nested quantifiers on a long run with no possible match.
        var answer = new string('a', 40) + "!";

        Assert.Equal(false, AnswerScorer.Score(Case("regex", "^(a+)+$"), answer));
    }

    [Theory]
    [InlineData("12 + 30 = 42", true)]
    [InlineData("The answer is 42.", true)]
    [InlineData("42.0", true)]
    [InlineData("I think 41, no wait, 42", true)]
    [InlineData("42 apples, or maybe 43", false)]
    [InlineData("no number here", false)]
    [InlineData("", false)]
    public void Numeric_reads_the_last_number(string answer, bool right) =>
        Assert.Equal(right, AnswerScorer.Score(Case("numeric", "42"), answer));

    [Theory]
    [InlineData("It costs 1,234.50 dollars", true)]
    [InlineData("It costs 1234.5", true)]
    [InlineData("It costs 1,234", false)]
    public void Numeric_reads_thousands_separators_and_decimals(string answer, bool right) =>
        Assert.Equal(right, AnswerScorer.Score(Case("numeric", "1234.5"), answer));

    [Theory]
    [InlineData("it fell to -7 degrees", true)]
    [InlineData("it fell 7 degrees", false)]
    [InlineData("from 3-7", false)]
    public void Numeric_reads_a_minus_only_where_it_starts_a_number(string answer, bool right) =>
        Assert.Equal(right, AnswerScorer.Score(Case("numeric", "-7"), answer));

    [Theory]
    [InlineData("3.14", true)]
    [InlineData("3.2", true)]
    [InlineData("3.0", true)]
    [InlineData("3.3", false)]
    public void Numeric_accepts_answers_within_the_tolerance(string answer, bool right) =>
        Assert.Equal(right, AnswerScorer.Score(Case("numeric", "3.1", tolerance: 0.15), answer));

    [Theory]
    [InlineData("""{"name": "Ada", "age": 36}""", true)]
    [InlineData("Here it is:\n```json\n{\"name\": \"Ada\"}\n```\nDone.", true)]
    [InlineData("""{"age": 36}""", false)]
    [InlineData("""{"name": 5}""", false)]
    [InlineData("Ada, 36", false)]
    public void Json_schema_validates_the_answer_or_its_fenced_block(string answer, bool right) =>
        Assert.Equal(right, AnswerScorer.Score(Case("json-schema", null, schema: """{"type": "object", "required": ["name"], "properties": {"name": {"type": "string"}}}"""), answer));

    // Issue 11, 2: the json-schema scorer hung on a catastrophic pattern, like the output schema.
    [Fact]
    public void A_schema_pattern_that_runs_past_the_regex_limit_scores_wrong()
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var right = AnswerScorer.Score(Case("json-schema", null, schema: """{"type": "string", "pattern": "^(a+)+$"}"""), $"\"{new string('a', 40)}!\"");

        Assert.Equal(false, right);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), watch.Elapsed.ToString());
    }

    [Fact]
    public void A_schema_that_cannot_be_used_is_refused_as_an_argument() =>
        Assert.Contains("'$ref' refers outside the schema", Assert.Throws<ArgumentException>(
            () => AnswerScorer.MatchesSchema("{}", System.Text.Json.Nodes.JsonNode.Parse("""{"$ref": "http://127.0.0.1:9/s.json"}""")!)).Message, StringComparison.Ordinal);

    [Fact]
    public void A_case_without_expected_is_not_scored() =>
        Assert.Null(AnswerScorer.Score(Case("exact", null), "anything"));

    [Fact]
    public void An_unknown_scorer_is_refused() =>
        Assert.Contains("unknown scorer 'fuzzy'", Assert.Throws<ArgumentException>(() => AnswerScorer.Score(Case("fuzzy", "x"), "x")).Message, StringComparison.Ordinal);

    [Fact]
    public void Cases_read_from_a_golden_file_score_as_written()
    {
        var set = GoldenFile.Parse("""{"id": "add-1", "inputs": {"question": "What is 12 + 30?"}, "expected": "42", "scorer": "numeric"}""", "g.jsonl");

        Assert.Equal(true, AnswerScorer.Score(set.Cases[0], "12 + 30 makes 42"));
        Assert.Equal(false, AnswerScorer.Score(set.Cases[0], "12 + 30 makes 32"));
    }
}
