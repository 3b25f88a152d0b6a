namespace Bastion.Core.Telemetry;

/// <summary>Something with a queue whose length a gauge sums when it is read (a session recorder), so the instruments
/// need not know the types they measure.</summary>
internal interface IQueuedChars
{
    long QueuedChars { get; }
}
