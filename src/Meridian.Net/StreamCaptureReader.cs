using Meridian.Core.Analysis.Capture;

namespace Meridian.Net;

/// <summary>
/// Reads a capture file or pipe for the core's readers: the core never blocks on a stream, it asks
/// for more bytes (<see cref="CaptureReadStatus.NeedMoreData"/>) and this edge reads the next chunk
/// and pushes it. Memory stays one chunk plus the largest record, whatever the capture's size.
/// </summary>
public sealed class StreamCaptureReader : ICaptureReader
{
    private const int ChunkSize = 1 << 16;

    private readonly Stream _stream;
    private readonly CaptureInput _input;
    private readonly ICaptureReader _reader;
    private readonly byte[] _chunk;

    private StreamCaptureReader(Stream stream, CaptureInput input, ICaptureReader reader, byte[] chunk)
    {
        _stream = stream;
        _input = input;
        _reader = reader;
        _chunk = chunk;
    }

    public string? Problem => _reader.Problem;

    /// <summary>A reader of <paramref name="stream"/>, or false when it does not start like a pcap or pcapng capture.</summary>
    public static bool TryOpen(Stream stream, out ICaptureReader reader)
    {
        var input = new CaptureInput();
        byte[] chunk = new byte[ChunkSize];
        while (input.Pending < CaptureFormat.MagicLength && !input.IsComplete)
        {
            Pump(stream, input, chunk);
        }

        reader = null!;
        if (!CaptureFormat.TryOpen(input, out ICaptureReader format))
        {
            return false;
        }

        reader = new StreamCaptureReader(stream, input, format, chunk);
        return true;
    }

    public CaptureReadStatus Read(out CapturedPacket packet)
    {
        CaptureReadStatus status;
        while ((status = _reader.Read(out packet)) == CaptureReadStatus.NeedMoreData)
        {
            Pump(_stream, _input, _chunk);
        }

        return status;
    }

    private static void Pump(Stream stream, CaptureInput input, byte[] chunk)
    {
        int read = stream.Read(chunk, 0, chunk.Length);
        if (read == 0)
        {
            input.Complete();
        }
        else
        {
            input.Push(chunk.AsSpan(0, read));
        }
    }
}
