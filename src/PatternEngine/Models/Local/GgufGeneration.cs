using LLama;
using LLama.Native;
using Microsoft.Extensions.AI;

namespace PatternEngine.Models.Local;

/// <summary>
/// One generation: a fresh context, the prompt decoded in batches, then one token at a time
/// until the end-of-generation token, a stop sequence, or the token limit. CPU-bound and
/// synchronous; callers run it off their own thread.
/// </summary>
internal static class GgufGeneration
{
    /// <summary>Generates a continuation of <paramref name="prompt"/>.</summary>
    /// <param name="model">The loaded model.</param>
    /// <param name="prompt">The prompt's tokens, BOS included, as fed.</param>
    /// <param name="settings">Limits and sampling.</param>
    /// <param name="onText">Receives the text as it becomes final; may be null.</param>
    /// <param name="cancellationToken">Checked between tokens.</param>
    /// <returns>The text, token counts and finish reason.</returns>
    public static GgufGenerationResult Run(
        GgufModel model,
        LLamaToken[] prompt,
        GgufGenerationSettings settings,
        Action<string>? onText,
        CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var context = model.CreateContext();
        var room = (int)context.ContextSize - prompt.Length;
        if (prompt.Length == 0)
        {
            throw new InvalidOperationException("the prompt is empty and the model adds no BOS token");
        }

        if (room < 0)
        {
            throw new InvalidOperationException(
                $"the prompt has {prompt.Length} tokens but the context holds at most {context.ContextSize}; "
                + $"shorten the prompt or raise {nameof(GgufModelOptions)}.{nameof(GgufModelOptions.ContextSize)}");
        }

        var output = new GgufOutputText(settings.StopSequences, onText);
        var generated = 0;
        var finish = Generate();
        output.Flush();
        return new GgufGenerationResult(output.ToString(), prompt.Length, generated, finish);

        ChatFinishReason Generate()
        {
            var budget = Math.Min(settings.MaxOutputTokens, room);
            if (budget == 0)
            {
                return ChatFinishReason.Length;
            }

            var batch = DecodePrompt(context, prompt);
            using var sampler = settings.CreateSampler();
            var decoder = new StreamingTokenDecoder(context);
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();

                // The native sampler accepts the token itself; accepting again would count it twice.
                var token = sampler.Sample(context.NativeHandle, batch.TokenCount - 1);
                if (token.IsEndOfGeneration(context.Vocab))
                {
                    return ChatFinishReason.Stop;
                }

                generated++;
                decoder.Add(token);
                if (output.Add(decoder.Read()))
                {
                    return ChatFinishReason.Stop;
                }

                if (generated == budget)
                {
                    return ChatFinishReason.Length;
                }

                batch.Clear();
                batch.Add(token, prompt.Length + generated - 1, LLamaSeqId.Zero, logits: true);
                Decode(context, batch);
            }
        }
    }

    // In chunks, as llama.cpp may pad the context beyond the batch size it was given.
    private static LLamaBatch DecodePrompt(LLamaContext context, LLamaToken[] prompt)
    {
        var batch = new LLamaBatch();
        var chunk = (int)context.BatchSize;
        for (var start = 0; start < prompt.Length; start += chunk)
        {
            var length = Math.Min(chunk, prompt.Length - start);
            batch.Clear();
            batch.AddRange(prompt.AsSpan(start, length), start, LLamaSeqId.Zero, logitsLast: start + length == prompt.Length);
            Decode(context, batch);
        }

        return batch;
    }

    private static void Decode(LLamaContext context, LLamaBatch batch)
    {
        var result = context.Decode(batch);
        if (result != DecodeResult.Ok)
        {
            throw new InvalidOperationException($"llama.cpp could not decode a batch: {result}");
        }
    }
}
