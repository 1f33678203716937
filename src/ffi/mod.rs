//! The C ABI (feature `c-abi`): the seed's functions over the same core, panics caught at the boundary.
