using System.ComponentModel;
using System.Globalization;
using Microsoft.SemanticKernel;

namespace PatternEngine.Tools;

/// <summary>The <c>math</c> plugin: exact arithmetic, so a model need not guess sums.</summary>
internal sealed class MathTools
{
    /// <summary>Evaluates an arithmetic expression such as <c>(12 + 30) * 2</c>.</summary>
    /// <exception cref="FormatException">The expression is not arithmetic.</exception>
    [KernelFunction("evaluate")]
    [Description("Evaluates an arithmetic expression with numbers, + - * / % ^ and parentheses, and returns the result.")]
    public static string Evaluate([Description("The expression, for example (12 + 30) * 2")] string expression) =>
        ArithmeticExpression.Evaluate(expression).ToString("G15", CultureInfo.InvariantCulture);
}
