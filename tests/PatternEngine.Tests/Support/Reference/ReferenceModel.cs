using System.Collections.Immutable;

namespace PatternEngine.Tests.Support.Reference;

/// <summary>
/// A model the reference server serves under <see cref="Name"/>: how often it is right, how fast it answers, how it
/// phrases answers, whether it uses tools, and the faults it shows.
/// </summary>
public sealed record ReferenceModel(string Name)
{
    /// <summary>The chance of a right answer to a question of difficulty 0 (see <see cref="ReferenceTruth"/>).</summary>
    public double Accuracy { get; init; } = 1;

    /// <summary>Time before the first token (and before a non-streamed answer starts), through the server's delay.</summary>
    public TimeSpan TimeToFirstToken { get; init; }

    /// <summary>Tokens generated per second after the first; infinite for no generation time.</summary>
    public double TokensPerSecond { get; init; } = double.PositiveInfinity;

    /// <summary>The phrasings the model answers in; each answer takes one, drawn from the same hash as its correctness.</summary>
    public ImmutableArray<AnswerStyle> Styles { get; init; } = [AnswerStyle.AnswerLine];

    /// <summary>Whether it calls <c>math.evaluate</c> for a question with an expression when tools are offered (then it is always right).</summary>
    public bool UsesTools { get; init; } = true;

    /// <summary>A fault for a request, or null to answer it: e.g. <c>r =&gt; r.ModelNumber &lt; 2 ? ServerReply.Status(500) : null</c>.</summary>
    public Func<ServerRequest, ServerReply?>? Faults { get; init; }

    /// <summary>Whether it grades answers as a bench's judge (see <see cref="ReferenceGrading"/>) instead of answering questions.</summary>
    public ReferenceGrading? Grading { get; init; }

    /// <summary>How long generating <paramref name="tokens"/> tokens takes after the first.</summary>
    public TimeSpan GenerationTime(int tokens) =>
        double.IsPositiveInfinity(TokensPerSecond) || tokens <= 1 ? TimeSpan.Zero : TimeSpan.FromSeconds((tokens - 1) / TokensPerSecond);
}
