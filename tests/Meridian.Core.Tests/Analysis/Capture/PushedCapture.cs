using Meridian.Core.Analysis.Capture;

namespace Meridian.Core.Tests.Analysis.Capture;

/// <summary>
/// Feeds a capture held in memory to the core's readers as an edge would, <paramref name="chunk"/>
/// bytes at a time, only when a reader asks for more.
/// </summary>
internal sealed class PushedCapture(byte[] file, CaptureInput input, ICaptureReader reader, int chunk) : ICaptureReader
{
    private int _offset = Math.Min(file.Length, CaptureFormat.MagicLength);

    public string? Problem => reader.Problem;

    public static bool TryOpen(byte[] file, out ICaptureReader reader, int chunk = int.MaxValue)
    {
        var input = new CaptureInput();
        input.Push(file.AsSpan(0, Math.Min(file.Length, CaptureFormat.MagicLength)));
        if (file.Length < CaptureFormat.MagicLength)
        {
            input.Complete();
        }

        reader = null!;
        if (!CaptureFormat.TryOpen(input, out ICaptureReader format))
        {
            return false;
        }

        reader = new PushedCapture(file, input, format, chunk);
        return true;
    }

    public CaptureReadStatus Read(out CapturedPacket packet)
    {
        CaptureReadStatus status;
        while ((status = reader.Read(out packet)) == CaptureReadStatus.NeedMoreData)
        {
            int length = Math.Min(chunk, file.Length - _offset);
            if (length == 0)
            {
                input.Complete();
                continue;
            }

            input.Push(file.AsSpan(_offset, length));
            _offset += length;
        }

        return status;
    }
}
