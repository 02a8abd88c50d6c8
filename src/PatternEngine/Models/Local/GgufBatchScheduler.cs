namespace PatternEngine.Models.Local;

/// <summary>
/// Gathers concurrent calls into batches that decode together (<see cref="GgufBatchGeneration"/>).
/// A worker takes every call waiting, up to <see cref="MaxBatchSize"/>, and starts decoding at once;
/// calls that arrive while it runs join its batch between two steps while it has free slots, and
/// otherwise wait for the next batch. At most <see cref="GgufModelOptions.MaxConcurrency"/> workers
/// run at once, each with a context of its own, on a thread of its own: a decode blocks its thread from the first
/// step to the last, which would starve the thread pool the rest of the engine (and the caller) runs on.
/// </summary>
/// <param name="model">The loaded model.</param>
internal sealed class GgufBatchScheduler(GgufModel model)
{
    /// <summary>The most calls one batch takes at its start (each takes a cache stream).</summary>
    public const int MaxBatchSize = 64;

    private readonly Lock gate = new();
    private readonly List<GgufRequest> waiting = [];
    private int workers;
    private int largestBatch;

    /// <summary>The most calls any batch has decoded together so far: a diagnostic.</summary>
    public int LargestBatch => Volatile.Read(ref largestBatch);

    /// <summary>Queues <paramref name="request"/>; a worker completes it.</summary>
    /// <param name="request">The call.</param>
    public void Enqueue(GgufRequest request)
    {
        bool start;
        lock (gate)
        {
            waiting.Add(request);
            start = workers < model.Options.MaxConcurrency;
            if (start)
            {
                workers++;
            }
        }

        if (start)
        {
            _ = Task.Factory.StartNew(Work, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
    }

    private void Work()
    {
        while (true)
        {
            var batch = Take(MaxBatchSize, _ => true);
            if (batch.Count == 0)
            {
                if (Retire())
                {
                    return;
                }

                continue;
            }

            // Recorded as calls are admitted, so that it is known by the time any of them completes.
            GgufBatchGeneration.Run(model, batch, Take, RecordLive);
        }
    }

    private void RecordLive(int live)
    {
        lock (gate)
        {
            largestBatch = Math.Max(largestBatch, live);
        }
    }

    // The waiting calls that fit, oldest first; calls cancelled while waiting already have their outcome.
    private List<GgufRequest> Take(int most, Func<GgufRequest, bool> fits)
    {
        lock (gate)
        {
            waiting.RemoveAll(request => request.IsDone);
            var taken = new List<GgufRequest>();
            for (var i = 0; i < waiting.Count && taken.Count < most;)
            {
                if (fits(waiting[i]))
                {
                    taken.Add(waiting[i]);
                    waiting.RemoveAt(i);
                }
                else
                {
                    i++;
                }
            }

            return taken;
        }
    }

    // A worker stops only when nothing waits, checked under the lock that Enqueue takes, so that a
    // call never waits with no worker to take it.
    private bool Retire()
    {
        lock (gate)
        {
            if (waiting.Count > 0)
            {
                return false;
            }

            workers--;
            return true;
        }
    }
}
