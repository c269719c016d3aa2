//! Where a type contains itself: such a field needs a `Box` to have a size.

use crate::model::{Api, Property, TypeKind, TypeRef};

/// For each type, the strongly connected component it belongs to in the
/// graph of "holds directly" (a struct field or union variant of that type,
/// not behind a `Vec` or map). A field needs a `Box` exactly when its type
/// is in its owner's component: the owner then contains itself. Computed
/// once (Tarjan, iterative), so deciding is constant time per field.
pub fn cycle_components(api: &Api, properties: &[Vec<&Property>]) -> Vec<usize> {
    let edges: Vec<Vec<usize>> = (0..api.types.len())
        .map(|index| match &api.types[index].kind {
            TypeKind::Struct(_) => properties[index]
                .iter()
                .filter_map(|p| match p.ty {
                    TypeRef::Named(next) => Some(next.0),
                    _ => None,
                })
                .collect(),
            TypeKind::Union(u) => u
                .variants
                .iter()
                .filter_map(|v| match v.ty {
                    TypeRef::Named(next) => Some(next.0),
                    _ => None,
                })
                .collect(),
            TypeKind::Enum(_) => Vec::new(),
        })
        .collect();
    let count = edges.len();
    let (mut index_of, mut low, mut on_stack) =
        (vec![usize::MAX; count], vec![0; count], vec![false; count]);
    let mut component = vec![usize::MAX; count];
    let (mut next_index, mut components, mut stack) = (0, 0, Vec::new());
    for root in 0..count {
        if index_of[root] != usize::MAX {
            continue;
        }
        // (node, next edge to look at)
        let mut work = vec![(root, 0)];
        index_of[root] = next_index;
        low[root] = next_index;
        next_index += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some(&mut (node, ref mut edge)) = work.last_mut() {
            if let Some(&next) = edges[node].get(*edge) {
                *edge += 1;
                if index_of[next] == usize::MAX {
                    index_of[next] = next_index;
                    low[next] = next_index;
                    next_index += 1;
                    stack.push(next);
                    on_stack[next] = true;
                    work.push((next, 0));
                } else if on_stack[next] {
                    low[node] = low[node].min(index_of[next]);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[node]);
            }
            if low[node] == index_of[node] {
                while let Some(member) = stack.pop() {
                    on_stack[member] = false;
                    component[member] = components;
                    if member == node {
                        break;
                    }
                }
                components += 1;
            }
        }
    }
    component
}
