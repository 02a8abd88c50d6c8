using PatternEngine.Compilation;

namespace PatternEngine.Tests.Compilation;

public sealed class FinalAnswerTests
{
    [Theory]
    [InlineData("Adding them gives the total.\nAnswer: 5025", "5025")]
    [InlineData("12 + 30 is 42, so I add them. Answer: 42", "42")]
    [InlineData("Working it out.\n\n**Answer:** 42", "42")]
    [InlineData("**Answer: 42**", "42")]
    [InlineData("**Answer**: 42", "42")]
    [InlineData("Final answer: 42", "42")]
    [InlineData("answer:\n42", "42")]
    [InlineData("I add 12 and 30. The answer is 42.", "42")]
    [InlineData("The answer is 3.14.", "3.14")]
    [InlineData("The final answer is: Paris. It is the capital.", "Paris")]
    [InlineData("So the result is $\\boxed{42}$", "42")]
    [InlineData("\\boxed{\\frac{1}{2}}", "\\frac{1}{2}")]
    [InlineData("Answer: 42.", "42")]
    [InlineData("Answer: 42!", "42")]
    [InlineData("Answer: **5,025**.", "5,025")]
    [InlineData("Answer: \"Paris\"", "Paris")]
    [InlineData("Working out 12 + 30 step by step gives 42", "42")]
    [InlineData("It is 1,234.5 in all", "1,234.5")]
    [InlineData("Paris.", "Paris")]
    public void The_final_answer_is_read_however_the_model_writes_it(string reply, string expected) =>
        Assert.Equal(expected, FinalAnswer.Extract(reply));

    [Fact]
    public void The_last_marker_wins_over_earlier_ones_and_over_numbers_after_it_counts_only_when_unmarked()
    {
        Assert.Equal("42", FinalAnswer.Extract("Answer: 41? No. The answer is 42."));
        Assert.Equal("7", FinalAnswer.Extract("The answer is 6. Checking again. **Answer:** 7"));
        Assert.Equal("42", FinalAnswer.Extract("Answer: 42\nThat took 3 steps."));
    }

    [Fact]
    public void A_reply_that_is_only_decoration_has_no_final_answer() => Assert.Null(FinalAnswer.Extract("** **"));

    [Fact]
    public void The_answer_is_ends_with_its_clause_but_keeps_a_number_s_separators() =>
        Assert.Equal("1,234", FinalAnswer.Extract("The answer is 1,234, as before."));
}
