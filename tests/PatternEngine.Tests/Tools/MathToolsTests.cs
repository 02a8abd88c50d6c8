using PatternEngine.Tools;

namespace PatternEngine.Tests.Tools;

public sealed class MathToolsTests
{
    [Theory]
    [InlineData("12 + 30", "42")]
    [InlineData("2 + 3 * 4", "14")]
    [InlineData("(2 + 3) * 4", "20")]
    [InlineData("10 - 4 - 3", "3")]
    [InlineData("2 ^ 3 ^ 2", "512")]
    [InlineData("-3 + 5", "2")]
    [InlineData("7 % 4", "3")]
    [InlineData("1.5 * 4", "6")]
    [InlineData("1 / 3", "0.333333333333333")]
    [InlineData(" 8/2/2 ", "2")]
    public void Arithmetic_follows_the_usual_precedence(string expression, string expected) =>
        Assert.Equal(expected, MathTools.Evaluate(expression));

    [Theory]
    [InlineData("2 +", "at the end")]
    [InlineData("2 $ 3", "position 3")]
    [InlineData("(1 + 2", "expected ')'")]
    [InlineData("System.IO.File.Delete(\"x\")", "position 1")]
    public void Text_that_is_not_arithmetic_is_refused_with_where(string expression, string where)
    {
        var error = Assert.Throws<FormatException>(() => MathTools.Evaluate(expression));

        Assert.Contains(where, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Division_by_zero_is_an_error_not_infinity() =>
        Assert.Throws<DivideByZeroException>(() => MathTools.Evaluate("1 / (2 - 2)"));
}
