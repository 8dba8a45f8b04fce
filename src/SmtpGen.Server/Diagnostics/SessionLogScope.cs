using System.Collections;

namespace SmtpGen.Server;

/// <summary>The log scope of a session: one property, <c>SessionId</c>, shown as <c>session {id}</c>.</summary>
internal sealed class SessionLogScope(string sessionId) : IReadOnlyList<KeyValuePair<string, object>>
{
    private readonly KeyValuePair<string, object> _property = new("SessionId", sessionId);

    public int Count => 1;

    public KeyValuePair<string, object> this[int index] =>
        index == 0 ? _property : throw new ArgumentOutOfRangeException(nameof(index));

    public IEnumerator<KeyValuePair<string, object>> GetEnumerator()
    {
        yield return _property;
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => $"session {_property.Value}";
}
