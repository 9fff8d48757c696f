using System.Collections.Concurrent;

namespace Harness.Bank.Data;

/// <summary>
/// Serialises every change of one customer inside the process, so concurrent attempts count one
/// after another (the row version catches anything outside it).
/// </summary>
public sealed class CustomerLocks
{
    private readonly ConcurrentDictionary<int, SemaphoreSlim> _locks = new();

    public async Task<IDisposable> EnterAsync(int customerId, CancellationToken cancellationToken)
    {
        var gate = _locks.GetOrAdd(customerId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        return new Release(gate);
    }

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
