using LLama;
using LLama.Native;

namespace PatternEngine.Models.Local;

/// <summary>
/// The decoding of one batch in one context with a cache stream per slot. Requests are admitted into
/// free slots, at the start or between any two steps: each distinct prompt among those admitted
/// together is evaluated once and copied to the slots that share it. Each step then feeds the last
/// token of every live sequence in a single decode, and each sequence samples its own row with its
/// own sampler. A sequence that ends, fails or is cancelled completes its request at once; the
/// others go on.
/// </summary>
/// <remarks>
/// A request's text must not depend on which requests shared its batch, nor on when it joined, and
/// two facts of llama.cpp's CPU kernels decide that. A matrix product over one row takes another
/// kernel than one over several rows, and the two round differently: so every step decodes at least
/// <see cref="MinRows"/> rows, padding with a throw-away token in a spare slot when fewer are live,
/// and every prompt is evaluated on its own. And attention adds up its terms in cache order: so each
/// sequence has a cache stream of its own (<see cref="GgufModel.CreateContext(int, int)"/>), emptied
/// before use so that it is laid out as if the sequence were alone. With both, each row's arithmetic
/// is the same whatever else is in the batch.
/// </remarks>
internal sealed class GgufBatchDecoder : IDisposable
{
    /// <summary>The fewest rows a generation step decodes, and so the fewest slots a context has.</summary>
    public const int MinRows = 2;

    // Any valid token: what a padding row holds does not matter, only that the row is there.
    private static readonly LLamaToken Filler = 0;

    private readonly LLamaContext context;
    private readonly int chunk;
    private readonly GgufSequence?[] sequences;
    private readonly int[] rows;
    private readonly LLamaBatch batch = new();

    /// <summary>Prepares to decode in <paramref name="context"/>, one slot per cache stream.</summary>
    /// <param name="context">A context from <see cref="GgufModel.CreateContext(int, int)"/>.</param>
    /// <param name="slots">Its number of streams.</param>
    /// <param name="chunk">The most prompt tokens one decode takes.</param>
    public GgufBatchDecoder(LLamaContext context, int slots, int chunk)
    {
        this.context = context;
        this.chunk = chunk;
        sequences = new GgufSequence?[slots];
        rows = new int[slots];
        CellsPerSlot = (int)(context.ContextSize / (uint)slots);
    }

    /// <summary>The most tokens (prompt and output) one slot holds.</summary>
    public int CellsPerSlot { get; }

    /// <summary>How many slots hold no live sequence.</summary>
    public int FreeSlots => sequences.Count(sequence => sequence is not { IsLive: true });

    /// <summary>How many sequences are still generating.</summary>
    public int Live => sequences.Length - FreeSlots;

    /// <summary>
    /// Puts each request in a free slot, evaluates each distinct prompt among them once, and samples
    /// every request's first token.
    /// </summary>
    /// <param name="requests">Validated requests and their budgets, at most <see cref="FreeSlots"/>, each fitting a slot.</param>
    public void Admit(IReadOnlyList<(GgufRequest Request, int Budget)> requests)
    {
        var admitted = new List<GgufSequence>(requests.Count);
        foreach (var (request, budget) in requests)
        {
            var slot = Array.FindIndex(sequences, sequence => sequence is not { IsLive: true });
            sequences[slot]?.Dispose();

            // An emptied stream fills from its first cell again, as a fresh one does.
            context.NativeHandle.MemorySequenceRemove((LLamaSeqId)slot, -1, -1);
            sequences[slot] = new GgufSequence(request, (LLamaSeqId)slot, context, budget);
            admitted.Add(sequences[slot]!);
        }

        while (admitted.Count > 0)
        {
            var source = admitted[0];
            var sharing = admitted.Where(s => s.Request.Prompt.AsSpan().SequenceEqual(source.Request.Prompt)).ToList();
            admitted.RemoveAll(sharing.Contains);
            EvaluatePrompt(source, sharing);
        }
    }

    /// <summary>Feeds every live sequence its last token in one decode and samples each its next.</summary>
    public void Step()
    {
        // Cancelled by its caller: the request already has its outcome.
        foreach (var sequence in sequences)
        {
            if (sequence is { IsLive: true, Request.IsDone: true })
            {
                sequence.Abandon();
            }
        }

        var last = Array.FindLastIndex(sequences, sequence => sequence is { IsLive: true });
        if (last < 0)
        {
            return;
        }

        // Slots are fed in order and without gaps, as llama.cpp splits a batch over separate streams
        // wherever the sequence ids do not follow each other; free slots pad instead.
        var count = Math.Max(last + 1, MinRows);
        batch.Clear();
        for (var slot = 0; slot < count; slot++)
        {
            if (sequences[slot] is { IsLive: true } sequence)
            {
                rows[slot] = batch.Add(sequence.Next, sequence.Position, sequence.Slot, logits: true);
            }
            else
            {
                // The padding token needs logits too, or the last layer would run on fewer rows.
                context.NativeHandle.MemorySequenceRemove((LLamaSeqId)slot, -1, -1);
                batch.Add(Filler, 0, (LLamaSeqId)slot, logits: true);
            }
        }

        Decode();
        for (var slot = 0; slot < count; slot++)
        {
            if (sequences[slot] is { IsLive: true } sequence)
            {
                Advance(sequence, rows[slot]);
            }
        }
    }

    /// <summary>Frees the samplers.</summary>
    public void Dispose()
    {
        foreach (var sequence in sequences)
        {
            sequence?.Dispose();
        }
    }

    private static void Fail(GgufSequence sequence, Exception exception)
    {
        sequence.Abandon();
        sequence.Request.Fail(exception);
    }

    // The prompt goes into the first sequence's stream and is copied to the others' (llama.cpp copies
    // a whole stream, at the start of the next decode); each samples its first token from the
    // prompt's last row before the next decode replaces it.
    private void EvaluatePrompt(GgufSequence source, List<GgufSequence> sharing)
    {
        int row;
        try
        {
            row = DecodePrompt(source);
        }
        catch (InvalidOperationException exception)
        {
            // A prompt that cannot be decoded concerns the requests that sent it.
            sharing.ForEach(sequence => Fail(sequence, exception));
            return;
        }

        foreach (var sequence in sharing.Where(sequence => sequence != source))
        {
            context.NativeHandle.MemorySequenceCopy(source.Slot, sequence.Slot, 0, -1);
        }

        sharing.ForEach(sequence => Advance(sequence, row));
    }

    // In chunks, as llama.cpp may pad the context beyond the batch size it was given. Returns the
    // batch row of the prompt's last token.
    private int DecodePrompt(GgufSequence sequence)
    {
        var prompt = sequence.Request.Prompt;
        for (var start = 0; start < prompt.Length; start += chunk)
        {
            var length = Math.Min(chunk, prompt.Length - start);
            batch.Clear();
            batch.AddRange(prompt.AsSpan(start, length), start, sequence.Slot, logitsLast: start + length == prompt.Length);
            Decode();
        }

        return batch.TokenCount - 1;
    }

    // A failure inside one sequence (its sampler, its caller's text callback) is that request's alone.
    private void Advance(GgufSequence sequence, int row)
    {
        try
        {
            if (!sequence.Advance(context.NativeHandle, row))
            {
                sequence.Request.Succeed(sequence.Result());
            }
        }
        catch (Exception exception)
        {
            Fail(sequence, exception);
        }
    }

    private void Decode()
    {
        var result = context.Decode(batch);
        if (result != DecodeResult.Ok)
        {
            throw new InvalidOperationException($"llama.cpp could not decode a batch: {result}");
        }
    }
}
