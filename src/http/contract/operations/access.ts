/** The role sets operations allow (each becomes hapi scope and the document's security). */
import type { Access } from '../types.js';

export const PUBLIC: Access = 'public';
export const AUTHORS: Access = ['author', 'admin'];
export const SUPPLIERS: Access = ['supplier', 'admin'];
/** Suppliers see their own organisation's submissions; authors and admins see all. */
export const READERS: Access = ['supplier', 'author', 'admin'];
export const ADMINS: Access = ['admin'];
