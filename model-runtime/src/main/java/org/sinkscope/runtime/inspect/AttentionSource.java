package org.sinkscope.runtime.inspect;

import java.util.List;

/**
 * The result of locating attention in a graph.
 *
 * @param kind   how attention is obtained
 * @param taps   one per layer, in graph order (empty when not obtainable)
 * @param detail a sentence for people: which nodes, or why attention cannot be had and what to do
 */
public record AttentionSource(AttentionSourceKind kind, List<AttentionTap> taps, String detail) {
    public boolean obtainable() {
        return kind != AttentionSourceKind.NOT_OBTAINABLE;
    }

    public int layers() {
        return taps.size();
    }
}
