using Microsoft.Extensions.AI;

namespace PatternEngine.Models.Local;

/// <summary>
/// Runs a batch of requests in one fresh context (see <see cref="GgufBatchDecoder"/>), admits the
/// requests that arrive while it runs into its free slots, and gives each request its outcome.
/// CPU-bound and synchronous; callers run it off their own thread. A request alone is a batch of one,
/// so alone, together or joining late it decodes the same way.
/// </summary>
internal static class GgufBatchGeneration
{
    /// <summary>
    /// Slots a context has when it may take late arrivals: a fan-out's calls reach the client some
    /// milliseconds apart, and a context of 8 small streams costs no more to create than one of 2.
    /// </summary>
    public const int JoinSlots = 8;

    /// <summary>Decodes <paramref name="requests"/>, and those that join; completes each of them, never throws.</summary>
    /// <param name="model">The loaded model.</param>
    /// <param name="requests">The calls to decode together; those already done are skipped.</param>
    /// <param name="join">
    /// Asked before every step for calls to admit, given the free slots and what fits a slot; null
    /// when no call may join.
    /// </param>
    /// <param name="onLive">
    /// Told how many calls are decoding together after every admission, before any of them completes.
    /// </param>
    /// <returns>The most calls that were decoding together at once.</returns>
    public static int Run(
        GgufModel model,
        IReadOnlyList<GgufRequest> requests,
        Func<int, Func<GgufRequest, bool>, IReadOnlyList<GgufRequest>>? join = null,
        Action<int>? onLive = null)
    {
        var pending = Validate(model, requests);
        if (pending.Count == 0)
        {
            return 0;
        }

        var running = new List<GgufRequest>();
        var peak = 0;
        try
        {
            var slots = Math.Max(GgufBatchDecoder.MinRows, Math.Max(pending.Count, join is null ? 0 : JoinSlots));
            using var context = model.CreateContext(slots, pending.Max(p => p.Request.Prompt.Length + p.Budget));
            using var decoder = new GgufBatchDecoder(context, slots, model.Options.ContextSize);
            while (true)
            {
                var free = decoder.FreeSlots - pending.Count;
                if (join is not null && free > 0)
                {
                    pending.AddRange(Validate(model, join(free, request => Fits(model, request, decoder.CellsPerSlot))));
                }

                running.AddRange(pending.Select(p => p.Request));
                decoder.Admit(pending);
                pending.Clear();
                peak = Math.Max(peak, decoder.Live);
                onLive?.Invoke(decoder.Live);
                if (decoder.Live == 0)
                {
                    return peak;
                }

                decoder.Step();
            }
        }
        catch (Exception exception)
        {
            // Whatever failed here (the context, a decode) concerns every sequence still running; a
            // request left without an outcome would leave its caller waiting for ever.
            foreach (var request in running.Concat(pending.Select(p => p.Request)))
            {
                request.Fail(exception);
            }

            return peak;
        }
    }

    // A call that cannot be decoded fits anywhere: admitting it settles it at once.
    private static bool Fits(GgufModel model, GgufRequest request, int cellsPerSlot) =>
        Budget(model, request) is not { } budget || request.Prompt.Length + budget <= cellsPerSlot;

    private static int? Budget(GgufModel model, GgufRequest request)
    {
        var room = model.CallCapacity - request.Prompt.Length;
        return request.Prompt.Length == 0 || room < 0 ? null : Math.Min(request.Settings.MaxOutputTokens, room);
    }

    // Settles what needs no decoding: calls cancelled while waiting, prompts that cannot fit, and
    // calls with nothing to generate. The rest get their token budget.
    private static List<(GgufRequest Request, int Budget)> Validate(GgufModel model, IReadOnlyList<GgufRequest> requests)
    {
        var valid = new List<(GgufRequest, int)>(requests.Count);
        foreach (var request in requests)
        {
            if (request.IsDone)
            {
                continue;
            }

            var length = request.Prompt.Length;
            if (length == 0)
            {
                request.Fail(new InvalidOperationException("the prompt is empty and the model adds no BOS token"));
            }
            else if (Budget(model, request) is not { } budget)
            {
                request.Fail(new InvalidOperationException(
                    $"the prompt has {length} tokens but the context holds at most {model.CallCapacity}; "
                    + $"shorten the prompt or raise {nameof(GgufModelOptions)}.{nameof(GgufModelOptions.ContextSize)}"));
            }
            else if (budget == 0)
            {
                request.Succeed(new GgufGenerationResult(string.Empty, length, 0, ChatFinishReason.Length));
            }
            else
            {
                valid.Add((request, budget));
            }
        }

        return valid;
    }
}
