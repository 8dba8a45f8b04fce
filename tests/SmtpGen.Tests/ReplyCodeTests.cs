namespace SmtpGen.Tests;

public class ReplyCodeTests
{
    [Theory]
    [InlineData(99)]
    [InlineData(600)]
    [InlineData(0)]
    [InlineData(-250)]
    public void Constructor_refuses_values_outside_100_to_599(int value)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReplyCode(value));
    }

    [Theory]
    [InlineData(150, ReplyClass.PositivePreliminary, 5, true, false, false, false)]
    [InlineData(250, ReplyClass.PositiveCompletion, 5, true, false, false, false)]
    [InlineData(354, ReplyClass.PositiveIntermediate, 5, true, false, false, false)]
    [InlineData(421, ReplyClass.TransientNegative, 2, false, true, true, false)]
    [InlineData(501, ReplyClass.PermanentNegative, 0, false, true, false, true)]
    [InlineData(214, ReplyClass.PositiveCompletion, 1, true, false, false, false)]
    public void Digits_give_class_and_category(int value, ReplyClass replyClass, int category, bool positive, bool negative, bool transient, bool permanent)
    {
        var code = new ReplyCode(value);
        Assert.Equal(value, code.Value);
        Assert.Equal(replyClass, code.Class);
        Assert.Equal(category, code.Category);
        Assert.Equal(positive, code.IsPositive);
        Assert.Equal(negative, code.IsNegative);
        Assert.Equal(transient, code.IsTransient);
        Assert.Equal(permanent, code.IsPermanent);
    }

    [Fact]
    public void Equality_conversion_and_text()
    {
        var code = new ReplyCode(250);
        Assert.True(code == new ReplyCode(250));
        Assert.True(code != new ReplyCode(251));
        Assert.Equal(new ReplyCode(250), code);
        Assert.Equal(new ReplyCode(250).GetHashCode(), code.GetHashCode());
        int value = code;
        Assert.Equal(250, value);
        Assert.Equal("250", code.ToString());
    }

    [Theory]
    [InlineData(150, ReplyOutcome.Intermediate)]
    [InlineData(220, ReplyOutcome.Positive)]
    [InlineData(250, ReplyOutcome.Positive)]
    [InlineData(354, ReplyOutcome.Intermediate)]
    [InlineData(421, ReplyOutcome.Negative)]
    [InlineData(550, ReplyOutcome.Negative)]
    public void A_codes_class_is_its_outcome(int value, ReplyOutcome outcome)
    {
        Assert.Equal(outcome, new ReplyCode(value).Outcome);
    }
}
