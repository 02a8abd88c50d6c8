using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PatternEngine.Tests.Support.Reference;

/// <summary>
/// What a reference model answers, decided by a hash so that a test knows it exactly: a greedy call (temperature 0)
/// answers a question the same way whatever its seed, a sampled call draws anew for each seed. The model is right
/// when the draw falls under <c>accuracy × (1 - difficulty)</c>; a wrong number is the right one off by 1 to 5.
/// </summary>
public static class ReferenceTruth
{
    /// <summary>Whether <paramref name="model"/> answers <paramref name="question"/> right in a call with this seed and temperature.</summary>
    public static bool IsCorrect(ReferenceModel model, ReferenceQuestion question, long? seed, double temperature)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(question);
        return Draw(model, question, seed, temperature, "correct") < model.Accuracy * (1 - question.Difficulty);
    }

    /// <summary>The answer's value in such a call: the right answer, or a wrong one.</summary>
    public static string Value(ReferenceModel model, ReferenceQuestion question, long? seed, double temperature)
    {
        if (IsCorrect(model, question, seed, temperature))
        {
            return question.Answer;
        }

        var draw = Draw(model, question, seed, temperature, "wrong");
        if (!question.IsNumeric)
        {
            return "guess " + ((int)(draw * 1000)).ToString(CultureInfo.InvariantCulture);
        }

        var offset = 1 + (int)(draw * 10) % 5;
        var sign = draw * 10 % 1 < 0.5 ? -1 : 1;
        return (decimal.Parse(question.Answer, CultureInfo.InvariantCulture) + (sign * offset)).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The phrasing of the answer in such a call.</summary>
    public static AnswerStyle Style(ReferenceModel model, ReferenceQuestion question, long? seed, double temperature)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.Styles[(int)(Draw(model, question, seed, temperature, "style") * model.Styles.Length)];
    }

    /// <summary>A number in [0, 1) from the model, question, salt, and the seed when the call samples.</summary>
    private static double Draw(ReferenceModel model, ReferenceQuestion question, long? seed, double temperature, string salt)
    {
        var key = temperature > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{model.Name}|{question.Id}|{salt}|seed {seed}")
            : $"{model.Name}|{question.Id}|{salt}|greedy";
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(key));
        return (BitConverter.ToUInt64(hash, 0) >> 11) * (1.0 / (1UL << 53));
    }
}
