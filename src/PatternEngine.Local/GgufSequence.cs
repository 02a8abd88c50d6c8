using LLama;
using LLama.Native;
using LLama.Sampling;
using Microsoft.Extensions.AI;

namespace PatternEngine.Models.Local;

/// <summary>
/// One request's generation inside a batch: its sequence of the shared context, its own sampler and
/// seed, its text and counts. It ends on its own, at the end-of-generation token, a stop sequence or
/// its token limit, whatever the other sequences do.
/// </summary>
internal sealed class GgufSequence : IDisposable
{
    private readonly BaseSamplingPipeline sampler;
    private readonly StreamingTokenDecoder decoder;
    private readonly GgufOutputText output;
    private readonly int budget;
    private int generated;
    private ChatFinishReason finish;

    /// <summary>Starts the generation of <paramref name="request"/> in sequence <paramref name="slot"/>.</summary>
    /// <param name="request">The call.</param>
    /// <param name="slot">Its sequence id in the context.</param>
    /// <param name="context">The batch's context.</param>
    /// <param name="budget">The most tokens it may generate; at least 1.</param>
    public GgufSequence(GgufRequest request, LLamaSeqId slot, LLamaContext context, int budget)
    {
        Request = request;
        Slot = slot;
        this.budget = budget;
        sampler = request.Settings.CreateSampler();
        decoder = new StreamingTokenDecoder(context);
        output = new GgufOutputText(request.Settings.StopSequences, request.OnText);
        IsLive = true;
    }

    /// <summary>The call.</summary>
    public GgufRequest Request { get; }

    /// <summary>The sequence id in the context.</summary>
    public LLamaSeqId Slot { get; }

    /// <summary>Whether it still generates: it has a token to feed and wants the logits after it.</summary>
    public bool IsLive { get; private set; }

    /// <summary>The last sampled token, which the next decode feeds.</summary>
    public LLamaToken Next { get; private set; }

    /// <summary>Where <see cref="Next"/> goes: right after the prompt and the tokens before it.</summary>
    public LLamaPos Position => Request.Prompt.Length + generated - 1;

    /// <summary>Samples the next token from the logits of batch row <paramref name="row"/>.</summary>
    /// <param name="context">The batch's context, just decoded.</param>
    /// <param name="row">The batch row whose logits follow this sequence.</param>
    /// <returns>True if the sequence goes on; false if it has just ended.</returns>
    public bool Advance(SafeLLamaContextHandle context, int row)
    {
        // The native sampler accepts the token itself; accepting again would count it twice.
        var token = sampler.Sample(context, row);
        if (token.IsEndOfGeneration(context.Vocab))
        {
            return End(ChatFinishReason.Stop);
        }

        generated++;
        decoder.Add(token);
        if (output.Add(decoder.Read()))
        {
            return End(ChatFinishReason.Stop);
        }

        if (generated == budget)
        {
            return End(ChatFinishReason.Length);
        }

        Next = token;
        return true;
    }

    /// <summary>The result, once the sequence has ended; passes on any text still held back.</summary>
    /// <returns>The text, token counts and finish reason.</returns>
    public GgufGenerationResult Result()
    {
        output.Flush();
        return new GgufGenerationResult(output.ToString(), Request.Prompt.Length, generated, finish);
    }

    /// <summary>Stops the sequence where it is, as when its caller has gone.</summary>
    public void Abandon() => IsLive = false;

    /// <summary>Frees the sampler.</summary>
    public void Dispose() => sampler.Dispose();

    private bool End(ChatFinishReason reason)
    {
        finish = reason;
        IsLive = false;
        return false;
    }
}
