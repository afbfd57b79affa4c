using HyperBeam.Core.Codecs;
using HyperBeam.Core.Messages;

namespace HyperBeam.Codecs.HttpSig;

/// <summary>Turns multipart part names such as <c>a/b</c> back into nested messages.</summary>
internal static class PathUnflattener
{
    public static Message Unflatten(IEnumerable<KeyValuePair<string, AoValue>> flat, DecodeLimits limits)
    {
        var root = new Node();
        foreach (var (key, value) in flat) root.Insert(key.Split('/'), 0, value, key);
        return root.Build(limits);
    }

    private sealed class Node
    {
        private readonly SortedDictionary<string, object> _children = new(MessageKeys.Order);

        public void Insert(string[] path, int at, AoValue value, string fullKey)
        {
            var key = path[at];
            if (key.Length == 0) throw new CodecException($"the part name '{fullKey}' has an empty segment");
            if (at == path.Length - 1)
            {
                if (value is Message m)
                {
                    var child = Child(key, fullKey);
                    foreach (var (k, v) in m.Entries) child.Insert([k], 0, v, fullKey + "/" + k);
                    return;
                }
                if (_children.ContainsKey(key)) throw new CodecException($"the key '{fullKey}' appears twice in the body");
                _children[key] = value;
                return;
            }
            Child(key, fullKey).Insert(path, at + 1, value, fullKey);
        }

        private Node Child(string key, string fullKey)
        {
            if (_children.TryGetValue(key, out var existing))
                return existing as Node ?? throw new CodecException($"the key '{fullKey}' is both a value and a message");
            var node = new Node();
            _children[key] = node;
            return node;
        }

        public Message Build(DecodeLimits limits)
        {
            var builder = limits.NewMessage();
            foreach (var (k, v) in _children) builder.Set(k, v is Node n ? n.Build(limits) : (AoValue)v);
            return builder.Build();
        }
    }
}
