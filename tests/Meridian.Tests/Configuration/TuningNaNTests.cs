namespace Meridian.Tests.Configuration;

public class TuningNaNTests
{
    // NaN compares false against both ends of every range, so it must be rejected explicitly:
    // accepted, 'tos orphan NaN' would make LocalClockStratum (int)NaN.
    [Theory]
    [InlineData("tos orphan NaN")]
    [InlineData("ratelimit interval NaN")]
    [InlineData("discard minimum NaN")]
    [InlineData("tinker freq NaN")]
    public void RejectsNaN_AsATuningValue(string line)
    {
        ConfigText.ErrorAt(1, "'NaN'", line);
    }
}
