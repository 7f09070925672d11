using Meridian.Core.Client;
using Meridian.Protocol;

namespace Meridian.Core.Tests.Client;

public class SntpRankingTests
{
    [Fact]
    public void ValidSampleWithTheLowestDelay_BeatsAKiss_WhichBeatsNoAnswer()
    {
        var noAnswer = SntpResult.Failed(SntpStatus.NoReply);
        var kiss = new SntpResult(SntpStatus.Kiss, ReferenceId: KissCode.Rate);
        var slow = new SntpResult(SntpStatus.Valid, Stratum: 1, Delay: 0.020);
        var fast = new SntpResult(SntpStatus.Valid, Stratum: 1, Delay: 0.005);

        Assert.Same(fast, SntpRanking.Best([noAnswer, slow, kiss, fast]));
        Assert.Same(kiss, SntpRanking.Best([noAnswer, kiss]));
        Assert.Same(noAnswer, SntpRanking.Best([noAnswer]));
        Assert.Null(SntpRanking.Best([]));
    }
}
